package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefLogEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which snapshots belong to which ref: everything the ref points at now or ever pointed at (its ref
 * log), and all their ancestors through every parent. The ref log matters because retention itself
 * deletes snapshots in the middle of a chain: a walk from the head alone would stop at the first
 * gap and leave the older kept snapshots in no history, where no policy would ever expire them.
 * Tags have no history; they hold only their target (see {@link RootSet}).
 */
final class RefHistories {
  private final Map<ObjectId, Snapshot> snapshots = new HashMap<>();
  private final Map<RefName, Set<ObjectId>> members = new TreeMap<>(RefHistories::byName);

  private RefHistories() {}

  static RefHistories read(Repository repo, List<Ref> refs) {
    RefHistories h = new RefHistories();
    repo.listSnapshots(Optional.empty()).forEach(s -> h.snapshots.put(s.id(), s));
    for (Ref ref : refs) {
      if (ref.tag()) {
        continue;
      }
      Deque<ObjectId> todo = new ArrayDeque<>();
      todo.add(ref.target());
      repo.refs().log(ref.name()).stream()
          .map(RefLogEntry::newTarget)
          .flatMap(Optional::stream)
          .forEach(todo::add);
      h.members.put(ref.name(), h.walk(todo));
    }
    return h;
  }

  private Set<ObjectId> walk(Deque<ObjectId> todo) {
    Set<ObjectId> seen = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      ObjectId id = todo.pop();
      Snapshot s = snapshots.get(id);
      // A deleted snapshot ends this path; its parents are unknown, and any of them that the ref
      // once pointed at is reached from the ref log instead.
      if (s != null && seen.add(id)) {
        todo.addAll(s.parents());
      }
    }
    return seen;
  }

  /** The refs that have a history, by name. */
  Set<RefName> refs() {
    return members.keySet();
  }

  /** The snapshots of a ref's history, in no particular order. */
  List<Snapshot> history(RefName ref) {
    return members.getOrDefault(ref, Set.of()).stream().map(snapshots::get).toList();
  }

  private static int byName(RefName a, RefName b) {
    return a.toString().compareTo(b.toString());
  }
}

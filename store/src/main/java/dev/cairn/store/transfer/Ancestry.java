package dev.cairn.store.transfer;

import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot's ancestors in the source repository, following every parent. An ancestor the source
 * no longer holds (deleted) ends that line of history. Snapshots are loaded once. Not thread safe.
 */
final class Ancestry {
  /** How far back a fast-forward check looks before it gives up and calls it a divergence. */
  static final int MAX_WALK = 100_000;

  private final Repository source;
  private final Map<ObjectId, Optional<Snapshot>> loaded = new HashMap<>();

  Ancestry(Repository source) {
    this.source = source;
  }

  /** The snapshot, or empty if the source does not hold it. */
  Optional<Snapshot> find(ObjectId id) {
    return loaded.computeIfAbsent(
        id,
        k -> {
          try {
            return Optional.of(source.loadSnapshot(k));
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * {@code top} and its ancestors up to {@code depth} generations back, parents before children, so
   * each can be stored after what it descends from.
   */
  List<Snapshot> chain(Snapshot top, int depth) {
    List<Snapshot> out = new ArrayList<>();
    Set<ObjectId> done = new HashSet<>(List.of(top.id()));
    Deque<Frame> stack = new ArrayDeque<>(List.of(new Frame(top, 0)));
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.generation < depth && f.next < f.snapshot.parents().size()) {
        ObjectId p = f.snapshot.parents().get(f.next++);
        if (done.add(p)) {
          find(p).ifPresent(parent -> stack.push(new Frame(parent, f.generation + 1)));
        }
      } else {
        stack.pop();
        out.add(f.snapshot);
      }
    }
    return out;
  }

  /** A step of the post-order walk: a snapshot, how far back it is, and its next parent. */
  private static final class Frame {
    final Snapshot snapshot;
    final int generation;
    int next;

    Frame(Snapshot snapshot, int generation) {
      this.snapshot = snapshot;
      this.generation = generation;
    }
  }

  /** Whether {@code ancestor} is {@code top} or one of its ancestors in the source. */
  boolean descendsFrom(Snapshot top, ObjectId ancestor) {
    Deque<ObjectId> queue = new ArrayDeque<>(List.of(top.id()));
    Set<ObjectId> seen = new HashSet<>(queue);
    while (!queue.isEmpty() && seen.size() < MAX_WALK) {
      ObjectId id = queue.poll();
      if (id.equals(ancestor)) {
        return true;
      }
      for (ObjectId p : find(id).map(Snapshot::parents).orElse(List.of())) {
        if (seen.add(p)) {
          queue.add(p);
        }
      }
    }
    return false;
  }
}

package dev.cairn.gc;

import dev.cairn.store.ConflictException;
import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.Repository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The snapshots that must not be deleted right now, each with what holds it: ref and tag heads of
 * every namespace and the pins of every {@link GcRoots}. Read once; a later ref move is not seen.
 */
public final class RootSet {

  private final Map<ObjectId, List<String>> holders;

  private RootSet(Map<ObjectId, List<String>> holders) {
    this.holders = holders;
  }

  /** Reads every ref, tag and pin now. */
  public static RootSet collect(Repository repo, List<GcRoots> roots) {
    Map<ObjectId, List<String>> holders = new HashMap<>();
    for (Ref r : repo.refs().list(Optional.empty())) {
      add(holders, r.target(), holder(r));
    }
    for (GcRoots source : roots) {
      for (GcRoots.Pin pin : source.pins()) {
        add(holders, pin.snapshot(), pin.holder());
      }
    }
    return new RootSet(holders);
  }

  /** How a ref or tag is named as a holder: {@code ref ml/main}, {@code tag ml/v1}. */
  static String holder(Ref r) {
    return (r.tag() ? "tag " : "ref ") + r.name();
  }

  private static void add(Map<ObjectId, List<String>> holders, ObjectId id, String holder) {
    holders.computeIfAbsent(id, k -> new ArrayList<>()).add(holder);
  }

  /** Every snapshot held by at least one root. */
  public Set<ObjectId> snapshots() {
    return Collections.unmodifiableSet(holders.keySet());
  }

  /**
   * Refuses to let {@code snapshot} go while anything holds it: throws {@link ConflictException}
   * naming every holder, then {@code override}, which tells the user how to delete anyway.
   */
  public void requireUnheld(ObjectId snapshot, String override) {
    List<String> by = holdersOf(snapshot);
    if (!by.isEmpty()) {
      throw new ConflictException(
          "Cannot delete snapshot "
              + snapshot.toShortString()
              + ": "
              + String.join(", ", by)
              + (by.size() == 1 ? " refers" : " refer")
              + " to it; "
              + override);
    }
  }

  /**
   * Deletes {@code snapshot} unless anything holds it: {@link #requireUnheld}, then a deletion that
   * excludes ref updates, so that a ref or tag moved onto the snapshot after this set was read
   * still keeps it (a {@link ConflictException} then says so).
   */
  public void deleteUnlessHeld(Repository repo, ObjectId snapshot, String override) {
    requireUnheld(snapshot, override);
    Optional<GcStorage> storage = GcStorage.of(repo);
    if (storage.isEmpty()) {
      // A remote repository: its server checks again when it deletes.
      repo.deleteSnapshot(snapshot);
    } else if (!storage.get().deleteSnapshotUnlessReferenced(snapshot)) {
      throw new ConflictException(
          "Cannot delete snapshot "
              + snapshot.toShortString()
              + ": a ref or tag was moved onto it meanwhile; "
              + override);
    }
  }

  /** What holds {@code snapshot}, in the order found; empty if nothing does. */
  public List<String> holdersOf(ObjectId snapshot) {
    return List.copyOf(holders.getOrDefault(snapshot, List.of()));
  }
}

package dev.cairn.store.transfer;

import dev.cairn.store.ConflictException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Snapshot;
import java.util.Optional;

/**
 * Decides, before anything is sent, whether a destination ref may move to the copied snapshot: it
 * may when it is new, already there, or a fast-forward (what it holds is an ancestor of the
 * snapshot); otherwise only when forced. Tags never move. The update itself is a compare-and-swap
 * against what the ref held here, so a writer that moves it in between wins and is reported.
 *
 * @param expected what the ref must still hold when it moves; empty when it must not be touched (a
 *     tag already naming the snapshot)
 */
record RefMove(RefName ref, Optional<RefExpectation> expected) {

  static RefMove decide(
      RefName ref,
      Optional<Ref> current,
      Snapshot snapshot,
      Ancestry ancestry,
      boolean force,
      String destination) {
    if (current.isEmpty()) {
      return new RefMove(ref, Optional.of(RefExpectation.absent()));
    }
    ObjectId held = current.get().target();
    if (current.get().tag()) {
      if (held.equals(snapshot.id())) {
        return new RefMove(ref, Optional.empty());
      }
      throw new ConflictException(
          "Cannot move tag "
              + ref
              + " in "
              + destination
              + ": it names "
              + held.toShortString()
              + " and tags never move");
    }
    if (force || ancestry.descendsFrom(snapshot, held)) {
      return new RefMove(ref, Optional.of(RefExpectation.value(held)));
    }
    throw new ConflictException(
        "Cannot move ref "
            + ref
            + " in "
            + destination
            + " from "
            + held.toShortString()
            + " to "
            + snapshot.id().toShortString()
            + ": "
            + held.toShortString()
            + " is not an ancestor of it (the histories have diverged); use --force to move it"
            + " anyway");
  }
}

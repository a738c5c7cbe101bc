package dev.cairn.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot copied from another repository, to be stored exactly as it is there (same fields, so
 * the same id), optionally moving a ref of its namespace to it with compare-and-swap.
 *
 * @param snapshot the snapshot as the source holds it; its id must be the hash of its fields
 * @param ref the ref to move, in the snapshot's namespace, or empty to move none
 * @param expected what {@code ref} must hold for it to move (ignored without a ref)
 */
public record SnapshotImport(Snapshot snapshot, Optional<RefName> ref, RefExpectation expected) {
  public SnapshotImport {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(expected, "expected");
    if (snapshot.id() == null) {
      throw new InvalidArgumentException("Cannot import a snapshot without an id");
    }
    if (ref.isPresent() && !ref.get().namespace().equals(snapshot.namespace())) {
      throw new InvalidArgumentException(
          "Cannot point ref "
              + ref.get()
              + " at snapshot "
              + snapshot.id().toShortString()
              + ": the snapshot lives in namespace "
              + snapshot.namespace());
    }
  }

  /** Stores the snapshot and moves no ref. */
  public static SnapshotImport withoutRef(Snapshot snapshot) {
    return new SnapshotImport(snapshot, Optional.empty(), RefExpectation.any());
  }
}

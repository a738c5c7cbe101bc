package dev.cairn.store;

import java.util.List;
import java.util.Optional;

/**
 * Named, mutable pointers to snapshots. Updates are compare-and-swap and durable when they return;
 * every update is logged. Tags are refs that never move. Thread safe.
 */
public interface RefStore {
  Optional<Ref> find(RefName name);

  /** The ref; throws {@link NotFoundException} if it does not exist. */
  Ref load(RefName name);

  /**
   * Refs of one namespace, or of all namespaces when {@code namespace} is empty, sorted by name.
   */
  List<Ref> list(Optional<String> namespace);

  /**
   * Points a ref at a snapshot if it holds what the caller expects.
   *
   * @return CREATED, UPDATED or UNCHANGED on success; CONFLICT if the ref held something else;
   *     REJECTED_TAG if it is a tag
   * @throws NotFoundException if the snapshot does not exist (or was just deleted by garbage
   *     collection: a ref never points at a snapshot that is gone)
   */
  RefUpdate update(RefName name, RefExpectation expected, ObjectId snapshot, String reason);

  /**
   * Creates a tag; a tag of the same name pointing elsewhere is CONFLICT, the same target
   * UNCHANGED. Throws {@link NotFoundException} if the snapshot does not exist.
   */
  RefUpdate tag(RefName name, ObjectId snapshot, String reason);

  /** Deletes a ref or tag if it holds what the caller expects; CONFLICT otherwise. */
  RefUpdate delete(RefName name, RefExpectation expected, String reason);

  /** The ref's updates, newest first. */
  List<RefLogEntry> log(RefName name);
}

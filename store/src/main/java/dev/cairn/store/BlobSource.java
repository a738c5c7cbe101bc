package dev.cairn.store;

/**
 * Reads blobs by id, for restoring from somewhere other than a local repository (a server). What a
 * source returns is not trusted: {@link SnapshotRestorer} verifies every blob against its id.
 * Thread safe.
 */
@FunctionalInterface
public interface BlobSource {
  /** The bytes stored under {@code id}; throws {@link NotFoundException} if there are none. */
  byte[] read(ObjectId id);
}

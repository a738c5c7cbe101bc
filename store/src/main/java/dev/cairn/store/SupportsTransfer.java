package dev.cairn.store;

import java.util.Optional;

/**
 * A repository snapshots can be copied from and to (see {@code SnapshotTransfer}): it reads blobs
 * by id and takes uploads. Both are per namespace, because a server grants rights per namespace; a
 * local repository ignores it. Thread safe.
 */
public interface SupportsTransfer {
  /** Reads the blobs of snapshots in {@code namespace}. */
  BlobSource blobs(String namespace);

  /** Takes uploads of snapshots in {@code namespace}. */
  SupportsUploads uploads(String namespace);

  /**
   * Blobs of snapshots in {@code namespace} as stored, when this repository can hand them out
   * without decoding them; a transfer then sends them as they are, many per read where the source
   * can (a server answers a batch in one request).
   */
  default Optional<StoredBlobSource> storedBlobs(String namespace) {
    return Optional.empty();
  }
}

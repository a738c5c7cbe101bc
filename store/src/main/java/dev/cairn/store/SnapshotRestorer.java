package dev.cairn.store;

import dev.cairn.store.engine.BlobSourceRestorer;
import java.nio.file.Path;

/**
 * Restores snapshots from any {@link BlobSource}, with the same guarantees as {@link
 * Repository#restore}: every blob verified, nothing written outside the target, a file that fails
 * verification removed and reported. Thread safe; {@link #close} releases its threads.
 */
public interface SnapshotRestorer extends AutoCloseable {

  /** A restorer reading from {@code blobs} with {@code threads} files in flight. */
  static SnapshotRestorer over(BlobSource blobs, int threads) {
    return new BlobSourceRestorer(blobs, threads);
  }

  /**
   * A restorer reading blobs as stored (see {@link StoredBlob}) from {@code blobs}, which decodes
   * and verifies each on the restoring threads, so a source that streams compressed blobs spends no
   * thread of its own on them.
   */
  static SnapshotRestorer overStored(StoredBlobSource blobs, int threads) {
    return BlobSourceRestorer.overStored(blobs, threads);
  }

  /**
   * Restores {@code snapshot}, or the subtree at {@code path} in it, to {@code target}, which must
   * not exist or be an empty directory.
   */
  RestoreResult restore(Snapshot snapshot, String path, Path target, Progress progress);

  @Override
  void close();
}

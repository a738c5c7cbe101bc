package dev.cairn.store.engine;

import dev.cairn.store.ObjectBackend;
import dev.cairn.store.local.LocalBackend;
import java.nio.file.Path;

/**
 * Where one repository keeps its parts: the backend with its durable objects, the directory of its
 * RocksDB index, a scratch directory for packs being written, and the local files a snapshot must
 * never include.
 *
 * @param blobBackend what the blob store reads and writes through: the backend itself, or a layer
 *     over it that batches a remote backend's small reads
 * @param location the repository as users name it, for messages
 * @param excluded the repository's own local files (a directory repository, or a bucket
 *     repository's cache)
 */
record RepositoryStorage(
    ObjectBackend backend,
    ObjectBackend blobBackend,
    Path indexDir,
    Path tempDir,
    String location,
    Path excluded,
    WriteGuard writeGuard) {

  /**
   * Confirms, before a write starts, that this process may still write (a bucket repository's
   * writer lease); throws if not. The index lock needs no such check: it cannot be lost.
   */
  @FunctionalInterface
  interface WriteGuard {
    WriteGuard NONE = action -> {};

    void check(String action);
  }

  /** A directory repository: objects, index and scratch space all in {@code dir}. */
  static RepositoryStorage local(Path dir, LocalBackend backend) {
    return new RepositoryStorage(
        backend,
        backend,
        dir.resolve(DefaultRepository.INDEX_DIR),
        backend.tempDir(),
        dir.toString(),
        dir,
        WriteGuard.NONE);
  }

  /**
   * Deletes leftover scratch files; only safe while holding the index lock, which proves no other
   * process of this machine writes here.
   */
  void clearTempDir() {
    if (backend instanceof LocalBackend local) {
      local.clearTempDir();
      return;
    }
    LocalBackend.clearDirectory(tempDir);
  }
}

package dev.cairn.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a snapshot transfer runs.
 *
 * @param depth how many generations of ancestors to copy too, following parents: 0 copies the
 *     snapshot alone, {@link Integer#MAX_VALUE} its whole history
 * @param ref the destination ref to point at the snapshot, or empty to move none
 * @param force whether {@code ref} may move to a snapshot that does not descend from what it holds
 * @param threads how many blobs are read and compressed at once
 * @param tempDir where packs are built before they are sent
 */
public record TransferOptions(
    int depth,
    Optional<RefName> ref,
    boolean force,
    TransferProgress progress,
    int threads,
    Path tempDir) {

  public TransferOptions {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(progress, "progress");
    if (depth < 0) {
      throw new InvalidArgumentException("Invalid depth " + depth + ": it must be 0 or more");
    }
    if (threads < 1) {
      throw new InvalidArgumentException("Invalid thread count " + threads);
    }
  }

  /** The snapshot alone, no ref, no progress. */
  public static TransferOptions defaults() {
    return new TransferOptions(
        0,
        Optional.empty(),
        false,
        TransferProgress.NONE,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  public TransferOptions withDepth(int d) {
    return new TransferOptions(d, ref, force, progress, threads, tempDir);
  }

  public TransferOptions withHistory() {
    return withDepth(Integer.MAX_VALUE);
  }

  public TransferOptions withRef(RefName r) {
    return new TransferOptions(depth, Optional.of(r), force, progress, threads, tempDir);
  }

  /** Lets the ref move even where that is not a fast-forward (still compare-and-swap). */
  public TransferOptions withForce() {
    return new TransferOptions(depth, ref, true, progress, threads, tempDir);
  }

  public TransferOptions withProgress(TransferProgress p) {
    return new TransferOptions(depth, ref, force, p, threads, tempDir);
  }

  public TransferOptions withThreads(int t) {
    return new TransferOptions(depth, ref, force, progress, t, tempDir);
  }

  public TransferOptions withTempDir(Path dir) {
    return new TransferOptions(depth, ref, force, progress, threads, dir);
  }
}

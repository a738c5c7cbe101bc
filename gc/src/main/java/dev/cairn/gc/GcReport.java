package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.time.Duration;
import java.util.List;

/**
 * What one collection did, or with {@code dryRun} would do.
 *
 * @param expired snapshots deleted because retention expired them
 * @param marked what the mark reached
 * @param blobsCondemned unreferenced blobs condemned by this run, and their stored bytes
 * @param blobsPardoned condemned blobs found referenced again and released
 * @param blobsRemoved condemned blobs removed from the index (their bytes go with their pack)
 * @param packsDeleted packs deleted whole (emptied, or orphans of a crash)
 * @param packsRepacked packs rewritten without their dead blobs, into {@code packsCreated}
 * @param bytesReclaimed storage bytes freed (deleted packs, minus the size of repacked copies)
 * @param phases how long each phase took
 */
public record GcReport(
    boolean dryRun,
    List<ObjectId> expired,
    Marked marked,
    long blobsCondemned,
    long bytesCondemned,
    long blobsPardoned,
    long blobsRemoved,
    long packsDeleted,
    long packsRepacked,
    long packsCreated,
    long bytesReclaimed,
    Phases phases) {

  public GcReport {
    expired = List.copyOf(expired);
  }

  /** Roots walked and blobs marked; a blob shared by many snapshots is counted once. */
  public record Marked(long snapshots, long trees, long files, long chunks) {}

  /** Wall time of each phase. */
  public record Phases(Duration expire, Duration mark, Duration condemn, Duration sweep) {}
}

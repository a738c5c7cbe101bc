package dev.cairn.api;

import dev.cairn.gc.GcReport;
import java.time.Duration;
import java.util.List;

/**
 * The JSON form of a {@link GcReport}, as {@code POST /api/v1/gc} answers and {@code cairn gc
 * --json} prints: ids as strings, phase times in seconds.
 */
public record GcJson(
    boolean dryRun,
    List<String> snapshotsExpired,
    GcReport.Marked marked,
    long blobsCondemned,
    long bytesCondemned,
    long blobsPardoned,
    long blobsRemoved,
    long packsDeleted,
    long packsRepacked,
    long packsCreated,
    long bytesReclaimed,
    Phases phaseSeconds) {

  public GcJson {
    snapshotsExpired = List.copyOf(snapshotsExpired);
  }

  /** Wall time of each phase, in seconds. */
  public record Phases(double expire, double mark, double condemn, double sweep) {}

  public static GcJson of(GcReport r) {
    GcReport.Phases p = r.phases();
    return new GcJson(
        r.dryRun(),
        r.expired().stream().map(Object::toString).toList(),
        r.marked(),
        r.blobsCondemned(),
        r.bytesCondemned(),
        r.blobsPardoned(),
        r.blobsRemoved(),
        r.packsDeleted(),
        r.packsRepacked(),
        r.packsCreated(),
        r.bytesReclaimed(),
        new Phases(
            seconds(p.expire()), seconds(p.mark()), seconds(p.condemn()), seconds(p.sweep())));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}

package dev.cairn.gc;

import dev.cairn.store.InvalidArgumentException;
import java.time.Duration;

/**
 * How a collection runs.
 *
 * @param grace how old a pack must be before its unreferenced blobs are condemned, and how long a
 *     blob stays condemned before it is deleted: the time a writer has to commit what it stored or
 *     deduplicated against. Zero condemns and deletes in one run (only safe with no uploads in
 *     flight: in-process writers stay protected by their sessions).
 * @param dryRun change nothing, report what would be done
 * @param repackThreshold the dead fraction of a pack's bytes at which it is repacked
 */
public record GcOptions(Duration grace, boolean dryRun, double repackThreshold) {

  /**
   * One hour: far longer than any snapshot or upload takes to commit, short enough that a daily
   * collection reclaims what the previous one condemned.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  /**
   * Repack a pack once half of its bytes are dead: rewriting it then costs at most one byte copied
   * per byte reclaimed, and packs that are mostly live are left alone.
   */
  public static final double DEFAULT_REPACK_THRESHOLD = 0.5;

  public static final GcOptions DEFAULTS =
      new GcOptions(DEFAULT_GRACE, false, DEFAULT_REPACK_THRESHOLD);

  public GcOptions {
    if (grace == null || grace.isNegative()) {
      throw new InvalidArgumentException("Invalid grace period " + grace + ": it must be >= 0");
    }
    if (!(repackThreshold > 0 && repackThreshold <= 1)) {
      throw new InvalidArgumentException(
          "Invalid repack threshold " + repackThreshold + ": it must be in (0, 1]");
    }
  }

  public GcOptions withGrace(Duration g) {
    return new GcOptions(g, dryRun, repackThreshold);
  }

  /** The same options, changing nothing. */
  public GcOptions asDryRun() {
    return new GcOptions(grace, true, repackThreshold);
  }

  public GcOptions withRepackThreshold(double t) {
    return new GcOptions(grace, dryRun, t);
  }
}

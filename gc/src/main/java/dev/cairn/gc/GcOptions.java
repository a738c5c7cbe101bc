package dev.cairn.gc;

import dev.cairn.store.InvalidArgumentException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

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

  /**
   * Reads a grace period as people write it: a number with a unit of {@code s}, {@code m}, {@code
   * h} or {@code d} ({@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}), a bare {@code 0}, or
   * ISO-8601 ({@code PT1H30M}). The CLI and the server's GC route both read it this way.
   *
   * @throws InvalidArgumentException naming the value if it is none of these or negative
   */
  public static Duration parseGrace(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      Duration d = v.startsWith("p") ? Duration.parse(v.toUpperCase(Locale.ROOT)) : withUnit(v);
      if (d != null && !d.isNegative()) {
        return d;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // reported below
    }
    throw new InvalidArgumentException(
        "Invalid duration '" + value + "': expected e.g. 90s, 30m, 1h, 2d, 0 or PT1H30M");
  }

  private static Duration withUnit(String v) {
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> null;
    };
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

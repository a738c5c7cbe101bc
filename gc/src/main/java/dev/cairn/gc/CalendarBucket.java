package dev.cairn.gc;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

/**
 * The calendar periods of the keep-hourly to keep-yearly rules. A snapshot's bucket is the period
 * its creation time falls in, in the policy's zone; weeks are ISO weeks (Monday to Sunday, the week
 * of 1 January belongs to the year that holds its Thursday).
 */
public enum CalendarBucket {
  HOURLY("hourly"),
  DAILY("daily"),
  WEEKLY("weekly"),
  MONTHLY("monthly"),
  YEARLY("yearly");

  private final String label;

  CalendarBucket(String label) {
    this.label = label;
  }

  /** The rule's name as users write it: {@code daily} for {@code --keep-daily}. */
  public String label() {
    return label;
  }

  /**
   * The bucket of {@code t}, named for reasons: {@code 2026-11-28T10:00Z}, {@code 2026-11-28},
   * {@code 2026-W48}, {@code 2026-11}, {@code 2026}. Equal keys mean the same bucket.
   */
  public String key(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return switch (this) {
      // The offset keeps the two 01:00 hours of a DST fall-back apart.
      case HOURLY -> z.truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().toString();
      case DAILY -> z.toLocalDate().toString();
      case WEEKLY ->
          String.format(
              "%d-W%02d",
              z.get(IsoFields.WEEK_BASED_YEAR), z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTHLY -> YearMonth.from(z).toString();
      case YEARLY -> Integer.toString(z.getYear());
    };
  }
}

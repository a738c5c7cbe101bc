package dev.cairn.gc;

import dev.cairn.store.InvalidArgumentException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period for keep-within: years, months, days and hours, written as in restic ({@code
 * 30d}, {@code 12h}, {@code 2w}, {@code 1y6m}). Years and months are calendar units, so "1m" back
 * from 31 March is 28 or 29 February, not 30 days.
 */
public record RetentionPeriod(int years, int months, int days, int hours) {
  private static final Pattern FORMAT =
      Pattern.compile(
          "(?:(\\d{1,5})y)?(?:(\\d{1,5})m)?(?:(\\d{1,5})w)?(?:(\\d{1,5})d)?(?:(\\d{1,6})h)?");

  public RetentionPeriod {
    if (years < 0 || months < 0 || days < 0 || hours < 0) {
      throw new InvalidArgumentException("Invalid retention period: no part may be negative");
    }
    if (years + months + days + hours == 0) {
      throw new InvalidArgumentException("Invalid retention period: it must be longer than zero");
    }
  }

  /** Parses {@code 30d}, {@code 1y6m}, {@code 2w3d12h}: each unit at most once, in that order. */
  public static RetentionPeriod parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (text == null || text.isBlank() || !m.matches()) {
      throw invalid(text);
    }
    if (m.group().chars().allMatch(c -> c == '0' || Character.isLetter(c))) {
      throw new InvalidArgumentException(
          "Invalid retention period '" + text + "': it must be longer than zero");
    }
    return new RetentionPeriod(part(m, 1), part(m, 2), 7 * part(m, 3) + part(m, 4), part(m, 5));
  }

  private static int part(Matcher m, int group) {
    return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
  }

  private static InvalidArgumentException invalid(String text) {
    return new InvalidArgumentException(
        "Invalid retention period '"
            + text
            + "': expected counts with units y, m (months), w, d, h in that order, such as 30d,"
            + " 12h, 2w or 1y6m");
  }

  /** The instant this period before {@code end}, counted in calendar units of {@code zone}. */
  public Instant before(Instant end, ZoneId zone) {
    ZonedDateTime t = end.atZone(zone).minusYears(years).minusMonths(months).minusDays(days);
    // Hours are elapsed time, so a DST change inside the period does not stretch it.
    return t.toInstant().minusSeconds(3600L * hours);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    append(b, years, "y");
    append(b, months, "m");
    append(b, days, "d");
    append(b, hours, "h");
    return b.toString();
  }

  private static void append(StringBuilder b, int n, String unit) {
    if (n > 0) {
      b.append(n).append(unit);
    }
  }
}

package dev.cairn.api.routes;

import dev.cairn.gc.CalendarBucket;
import dev.cairn.gc.RetentionPeriod;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.InvalidArgumentException;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A retention policy as JSON, in requests and replies, and in {@code cairn retention show --json}:
 * counts (0 or absent: rule unused; -1: unlimited), {@code keepWithin} as {@code 30d}, {@code zone}
 * as an IANA id (absent: UTC).
 */
public record RetentionBody(
    int keepLast,
    int keepHourly,
    int keepDaily,
    int keepWeekly,
    int keepMonthly,
    int keepYearly,
    String keepWithin,
    boolean keepTagged,
    String zone) {

  public static RetentionBody of(RetentionPolicy p) {
    return new RetentionBody(
        p.keepLast(),
        p.keepHourly(),
        p.keepDaily(),
        p.keepWeekly(),
        p.keepMonthly(),
        p.keepYearly(),
        p.keepWithin().map(RetentionPeriod::toString).orElse(null),
        p.keepTagged(),
        p.zone().getId());
  }

  /** The policy; {@link InvalidArgumentException} naming the field that is wrong. */
  public RetentionPolicy toPolicy() {
    RetentionPolicy.Builder b =
        RetentionPolicy.builder()
            .keepLast(keepLast)
            .keep(CalendarBucket.HOURLY, keepHourly)
            .keep(CalendarBucket.DAILY, keepDaily)
            .keep(CalendarBucket.WEEKLY, keepWeekly)
            .keep(CalendarBucket.MONTHLY, keepMonthly)
            .keep(CalendarBucket.YEARLY, keepYearly)
            .zone(zoneId());
    if (keepWithin != null) {
      b.keepWithin(RetentionPeriod.parse(keepWithin));
    }
    if (keepTagged) {
      b.keepTagged();
    }
    return b.build();
  }

  private ZoneId zoneId() {
    if (zone == null || zone.isBlank()) {
      return RetentionPolicy.UTC;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidArgumentException(
          "Invalid retention policy: zone '"
              + zone
              + "' is not a time zone id (such as UTC or"
              + " Europe/Berlin)");
    }
  }
}

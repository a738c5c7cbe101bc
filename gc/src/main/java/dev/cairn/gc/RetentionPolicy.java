package dev.cairn.gc;

import dev.cairn.store.InvalidArgumentException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which snapshots of one ref's history to keep; a snapshot is kept if any rule keeps it. Counts of
 * 0 leave a rule unused; {@link #UNLIMITED} (-1, as in restic) keeps every snapshot of that kind
 * (every one for keep-last, the newest of every hour/day/... for the calendar rules). Calendar
 * buckets are taken in {@code zone} (UTC unless configured).
 *
 * @param keepLast the newest N snapshots
 * @param keepHourly the newest snapshot of each of the N most recent hours that have snapshots
 * @param keepWithin every snapshot created at most this long before the ref's newest snapshot
 * @param keepTagged every snapshot that a tag points at
 */
public record RetentionPolicy(
    int keepLast,
    int keepHourly,
    int keepDaily,
    int keepWeekly,
    int keepMonthly,
    int keepYearly,
    Optional<RetentionPeriod> keepWithin,
    boolean keepTagged,
    ZoneId zone) {

  /** The count of a rule that keeps all of its kind. */
  public static final int UNLIMITED = -1;

  /** The default zone of calendar buckets. */
  public static final ZoneId UTC = ZoneId.of("UTC");

  public RetentionPolicy {
    count("keep-last", keepLast);
    count("keep-hourly", keepHourly);
    count("keep-daily", keepDaily);
    count("keep-weekly", keepWeekly);
    count("keep-monthly", keepMonthly);
    count("keep-yearly", keepYearly);
    if (zone == null) {
      throw new InvalidArgumentException("Invalid retention policy: zone is missing");
    }
    if (keepLast == 0
        && keepHourly == 0
        && keepDaily == 0
        && keepWeekly == 0
        && keepMonthly == 0
        && keepYearly == 0
        && keepWithin.isEmpty()
        && !keepTagged) {
      throw new InvalidArgumentException(
          "Invalid retention policy: it keeps nothing; give at least one of keep-last,"
              + " keep-hourly, keep-daily, keep-weekly, keep-monthly, keep-yearly, keep-within"
              + " or keep-tagged (to keep everything, clear the policy instead)");
    }
  }

  private static void count(String rule, int n) {
    if (n < UNLIMITED) {
      throw new InvalidArgumentException(
          "Invalid retention policy: "
              + rule
              + " is "
              + n
              + "; it must be 0 (unused), a count, or -1 (unlimited)");
    }
  }

  /** How many a rule's count lets it keep: {@link Integer#MAX_VALUE} for {@link #UNLIMITED}. */
  static int limit(int count) {
    return count == UNLIMITED ? Integer.MAX_VALUE : count;
  }

  /** A count as users write it: {@code 3}, or {@code unlimited}. */
  public static String countText(int count) {
    return count == UNLIMITED ? "unlimited" : Integer.toString(count);
  }

  /** Starts a policy with every rule unused, in UTC. */
  public static Builder builder() {
    return new Builder();
  }

  /** The count of a calendar rule. */
  public int keep(CalendarBucket bucket) {
    return switch (bucket) {
      case HOURLY -> keepHourly;
      case DAILY -> keepDaily;
      case WEEKLY -> keepWeekly;
      case MONTHLY -> keepMonthly;
      case YEARLY -> keepYearly;
    };
  }

  /** The rules in use, as users write them: {@code keep-last 3, keep-within 30d, keep-tagged}. */
  public String describe() {
    List<String> rules = new ArrayList<>();
    if (keepLast != 0) {
      rules.add("keep-last " + countText(keepLast));
    }
    for (CalendarBucket b : CalendarBucket.values()) {
      if (keep(b) != 0) {
        rules.add("keep-" + b.label() + " " + countText(keep(b)));
      }
    }
    keepWithin.ifPresent(p -> rules.add("keep-within " + p));
    if (keepTagged) {
      rules.add("keep-tagged");
    }
    String text = String.join(", ", rules);
    return zone.normalized().equals(ZoneOffset.UTC) ? text : text + " (zone " + zone.getId() + ")";
  }

  /** Collects a policy's rules; {@link #build()} validates them. Not thread safe. */
  public static final class Builder {
    private final int[] counts = new int[6]; // last, then the calendar buckets in order
    private Optional<RetentionPeriod> within = Optional.empty();
    private boolean tagged;
    private ZoneId zone = UTC;

    private Builder() {}

    public Builder keepLast(int n) {
      counts[0] = n;
      return this;
    }

    public Builder keep(CalendarBucket bucket, int n) {
      counts[1 + bucket.ordinal()] = n;
      return this;
    }

    public Builder keepWithin(RetentionPeriod period) {
      within = Optional.of(period);
      return this;
    }

    public Builder keepTagged() {
      tagged = true;
      return this;
    }

    public Builder zone(ZoneId z) {
      zone = z;
      return this;
    }

    public RetentionPolicy build() {
      return new RetentionPolicy(
          counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], within, tagged, zone);
    }
  }
}

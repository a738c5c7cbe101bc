package dev.cairn.cli;

import dev.cairn.gc.CalendarBucket;
import dev.cairn.gc.PolicyUpdate;
import dev.cairn.gc.RetentionPeriod;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "set",
    description = {
      "Set a ref's retention policy, replacing any it had. Calendar rules keep the newest"
          + " snapshot of each of the N most recent hours/days/weeks/months/years that have"
          + " snapshots (ISO weeks, in UTC unless --zone). A count of 'unlimited' (or -1) keeps"
          + " all of its kind."
    })
final class RetentionSetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NS/NAME")
  String ref;

  @Option(
      names = "--keep-last",
      paramLabel = "N",
      converter = CountConverter.class,
      description = "Keep the N newest snapshots.")
  int keepLast;

  @Option(
      names = "--keep-hourly",
      paramLabel = "N",
      converter = CountConverter.class,
      description = "One a hour, N hours.")
  int keepHourly;

  @Option(
      names = "--keep-daily",
      paramLabel = "N",
      converter = CountConverter.class,
      description = "One a day, N days.")
  int keepDaily;

  @Option(
      names = "--keep-weekly",
      paramLabel = "N",
      converter = CountConverter.class,
      description = "One a week, N weeks.")
  int keepWeekly;

  @Option(
      names = "--keep-monthly",
      paramLabel = "N",
      converter = CountConverter.class,
      description = "One a month, N months.")
  int keepMonthly;

  @Option(
      names = "--keep-yearly",
      paramLabel = "N",
      converter = CountConverter.class,
      description = "One a year, N years.")
  int keepYearly;

  @Option(
      names = "--keep-within",
      paramLabel = "PERIOD",
      description =
          "Keep every snapshot this close to the ref's newest snapshot (not to now, so a ref"
              + " nobody writes keeps its last period): 30d, 12h, 2w, 6m, 1y6m.")
  String keepWithin;

  @Option(names = "--keep-tagged", description = "Keep every snapshot a tag points at.")
  boolean keepTagged;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Time zone of the calendar rules, such as Europe/Berlin (default: UTC).")
  String zone;

  @Override
  public Integer call() {
    RefName name = RefName.parse(ref);
    RetentionPolicy policy = policy(name);
    try (Repository repo = RepoLocator.open()) {
      RetentionPolicies policies = RetentionCommand.policies(repo);
      PolicyUpdate u = policies.set(name, policy);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          RetentionCommand.describe(policies.find(name).orElseThrow())
              + " "
              + u.name().toLowerCase(Locale.ROOT));
      out.flush();
      return ExitCodes.OK;
    }
  }

  private RetentionPolicy policy(RefName name) {
    RetentionPolicy.Builder b =
        RetentionPolicy.builder()
            .keepLast(count("--keep-last", keepLast))
            .keep(CalendarBucket.HOURLY, count("--keep-hourly", keepHourly))
            .keep(CalendarBucket.DAILY, count("--keep-daily", keepDaily))
            .keep(CalendarBucket.WEEKLY, count("--keep-weekly", keepWeekly))
            .keep(CalendarBucket.MONTHLY, count("--keep-monthly", keepMonthly))
            .keep(CalendarBucket.YEARLY, count("--keep-yearly", keepYearly));
    if (keepWithin != null) {
      try {
        b.keepWithin(RetentionPeriod.parse(keepWithin));
      } catch (InvalidArgumentException e) {
        throw new InvalidArgumentException("Invalid --keep-within: " + e.getMessage(), e);
      }
    }
    if (keepTagged) {
      b.keepTagged();
    }
    if (zone != null) {
      try {
        b.zone(ZoneId.of(zone));
      } catch (DateTimeException e) {
        throw new InvalidArgumentException(
            "Invalid --zone '" + zone + "': not a time zone id such as UTC or Europe/Berlin", e);
      }
    }
    if (IntStream.of(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly)
            .allMatch(n -> n == 0)
        && keepWithin == null
        && !keepTagged) {
      throw new InvalidArgumentException(
          "Cannot set the retention policy of "
              + name
              + ": it would keep nothing; give at least one --keep-* option (to keep everything,"
              + " run 'cairn retention clear "
              + name
              + "')");
    }
    return b.build();
  }

  private static int count(String option, int n) {
    if (n < RetentionPolicy.UNLIMITED) {
      throw new InvalidArgumentException(
          "Invalid " + option + " " + n + ": give a count of 1 or more, or unlimited (-1)");
    }
    return n;
  }

  /** A count, or {@code unlimited} for {@link RetentionPolicy#UNLIMITED}, as restic takes -1. */
  static final class CountConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      if (value.strip().equalsIgnoreCase("unlimited")) {
        return RetentionPolicy.UNLIMITED;
      }
      try {
        return Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new InvalidArgumentException(
            "Invalid count '" + value + "': give a whole number, or unlimited");
      }
    }
  }
}

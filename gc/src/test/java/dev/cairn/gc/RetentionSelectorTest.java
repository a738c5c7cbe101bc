package dev.cairn.gc;

import static dev.cairn.gc.Histories.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionSelectorTest {

  /** Creation time of each kept snapshot mapped to its reasons, newest first. */
  private static Map<String, List<String>> kept(
      RetentionPolicy policy, List<RetentionCandidate> history) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (RetentionDecision d : RetentionSelector.select(policy, history)) {
      if (d.kept()) {
        out.put(d.snapshot().createdAt().toString(), d.reasons());
      }
    }
    return out;
  }

  private static RetentionPolicy.Builder policy() {
    return RetentionPolicy.builder();
  }

  @Test
  void keepLastKeepsTheNewestInAnyInputOrder() {
    List<RetentionCandidate> h =
        List.of(
            at("2026-01-03T00:00:00Z"),
            at("2026-01-05T00:00:00Z"),
            at("2026-01-01T00:00:00Z"),
            at("2026-01-04T00:00:00Z"));
    assertThat(kept(policy().keepLast(2).build(), h))
        .containsExactly(
            Map.entry("2026-01-05T00:00:00Z", List.of("last 2")),
            Map.entry("2026-01-04T00:00:00Z", List.of("last 2")));
  }

  @Test
  void keepLastLargerThanTheHistoryKeepsEverything() {
    List<RetentionCandidate> h = Histories.every(Duration.ofHours(1), "2026-01-01T00:00:00Z", 3);
    assertThat(RetentionSelector.select(policy().keepLast(10).build(), h))
        .allMatch(RetentionDecision::kept);
  }

  @Test
  void unlimitedCountsKeepAllOfTheirKind() {
    // Ten days of snapshots every six hours: 40 snapshots, one day per four of them.
    List<RetentionCandidate> h = Histories.every(Duration.ofHours(6), "2026-01-01T00:00:00Z", 40);
    RetentionPolicy last = policy().keepLast(RetentionPolicy.UNLIMITED).build();
    assertThat(RetentionSelector.select(last, h)).allMatch(RetentionDecision::kept);
    assertThat(kept(last, h).values()).allMatch(r -> r.equals(List.of("last unlimited")));

    RetentionPolicy daily = policy().keep(CalendarBucket.DAILY, RetentionPolicy.UNLIMITED).build();
    assertThat(kept(daily, h))
        .hasSize(10)
        .allSatisfy((at, r) -> assertThat(at).endsWith("T18:00:00Z"));
  }

  @Test
  void dailyKeepsTheNewestOfEachOfTheMostRecentDaysThatHaveSnapshots() {
    List<RetentionCandidate> h =
        List.of(
            at("2025-12-31T12:00:00Z"),
            at("2026-01-01T23:59:59Z"),
            at("2026-01-02T00:00:00Z"),
            at("2026-01-02T12:00:00Z"),
            // nothing on 3 January: an empty day uses up none of the count
            at("2026-01-04T08:00:00Z"));
    assertThat(kept(policy().keep(CalendarBucket.DAILY, 3).build(), h))
        .containsExactly(
            Map.entry("2026-01-04T08:00:00Z", List.of("daily 2026-01-04")),
            Map.entry("2026-01-02T12:00:00Z", List.of("daily 2026-01-02")),
            Map.entry("2026-01-01T23:59:59Z", List.of("daily 2026-01-01")));
  }

  @Test
  void hourlyBucketsChangeExactlyOnTheHour() {
    List<RetentionCandidate> h =
        List.of(
            at("2026-01-01T10:00:00Z"), at("2026-01-01T10:59:59.999Z"), at("2026-01-01T11:00:00Z"));
    assertThat(kept(policy().keep(CalendarBucket.HOURLY, 5).build(), h))
        .containsExactly(
            Map.entry("2026-01-01T11:00:00Z", List.of("hourly 2026-01-01T11:00Z")),
            Map.entry("2026-01-01T10:59:59.999Z", List.of("hourly 2026-01-01T10:00Z")));
  }

  @Test
  void weeklyUsesIsoWeeksThatCrossTheNewYear() {
    // 2025-12-28 is a Sunday in 2025-W52; 2025-12-29 (Monday) to 2026-01-04 (Sunday) are 2026-W01.
    List<RetentionCandidate> h =
        List.of(
            at("2025-12-28T23:00:00Z"),
            at("2025-12-29T00:00:00Z"),
            at("2026-01-04T23:59:59Z"),
            at("2026-01-05T00:00:00Z"));
    assertThat(kept(policy().keep(CalendarBucket.WEEKLY, 3).build(), h))
        .containsExactly(
            Map.entry("2026-01-05T00:00:00Z", List.of("weekly 2026-W02")),
            Map.entry("2026-01-04T23:59:59Z", List.of("weekly 2026-W01")),
            Map.entry("2025-12-28T23:00:00Z", List.of("weekly 2025-W52")));
  }

  @Test
  void monthlyAndYearlyBucketsEndAtTheLastInstantOfThePeriod() {
    List<RetentionCandidate> h =
        List.of(
            at("2024-12-31T23:59:59Z"),
            at("2025-01-01T00:00:00Z"),
            at("2025-01-31T23:59:59Z"),
            at("2025-02-01T00:00:00Z"));
    assertThat(kept(policy().keep(CalendarBucket.MONTHLY, 2).build(), h))
        .containsOnlyKeys("2025-02-01T00:00:00Z", "2025-01-31T23:59:59Z");
    assertThat(kept(policy().keep(CalendarBucket.YEARLY, 5).build(), h))
        .containsExactly(
            Map.entry("2025-02-01T00:00:00Z", List.of("yearly 2025")),
            Map.entry("2024-12-31T23:59:59Z", List.of("yearly 2024")));
  }

  @Test
  void tiesAreBrokenByIdSoEveryRunDecidesTheSame() {
    Instant t = Instant.parse("2026-01-01T12:00:00Z");
    RetentionCandidate a = new RetentionCandidate(Histories.id("a"), t, List.of());
    RetentionCandidate b = new RetentionCandidate(Histories.id("b"), t, List.of());
    RetentionCandidate first = a.id().compareTo(b.id()) < 0 ? a : b;
    RetentionPolicy p = policy().keepLast(1).keep(CalendarBucket.DAILY, 1).build();
    for (List<RetentionCandidate> order : List.of(List.of(a, b), List.of(b, a))) {
      List<RetentionDecision> d = RetentionSelector.select(p, order);
      assertThat(d.get(0).snapshot()).isEqualTo(first);
      assertThat(d.get(0).reasons()).containsExactly("last 1", "daily 2026-01-01");
      assertThat(d.get(1).kept()).isFalse();
    }
  }

  @Test
  void keepWithinCountsBackFromTheNewestSnapshotAndIncludesTheBoundary() {
    List<RetentionCandidate> h =
        List.of(
            at("2026-03-31T10:00:00Z"),
            at("2026-03-01T10:00:00Z"), // exactly 30 days before: kept
            at("2026-03-01T09:59:59Z")); // one second more: expired
    assertThat(kept(policy().keepWithin(RetentionPeriod.parse("30d")).build(), h))
        .containsOnlyKeys("2026-03-31T10:00:00Z", "2026-03-01T10:00:00Z")
        .containsEntry("2026-03-01T10:00:00Z", List.of("within 30d"));
  }

  @Test
  void keepWithinMonthsAreCalendarMonths() {
    // One month before 31 March is 28 February (2026 is not a leap year), not 1 March.
    List<RetentionCandidate> h =
        List.of(at("2026-03-31T00:00:00Z"), at("2026-02-28T00:00:00Z"), at("2026-02-27T23:59:59Z"));
    assertThat(kept(policy().keepWithin(RetentionPeriod.parse("1m")).build(), h))
        .containsOnlyKeys("2026-03-31T00:00:00Z", "2026-02-28T00:00:00Z");
  }

  @Test
  void keepTaggedKeepsEveryTagTargetAndNamesTheTags() {
    List<RetentionCandidate> h =
        List.of(
            at("2026-01-03T00:00:00Z"),
            at("2026-01-02T00:00:00Z", "ml/v1", "ml/best"),
            at("2026-01-01T00:00:00Z"));
    assertThat(kept(policy().keepLast(1).keepTagged().build(), h))
        .containsExactly(
            Map.entry("2026-01-03T00:00:00Z", List.of("last 1")),
            Map.entry("2026-01-02T00:00:00Z", List.of("tag ml/v1", "tag ml/best")));
    assertThat(kept(policy().keepLast(1).build(), h)).containsOnlyKeys("2026-01-03T00:00:00Z");
  }

  @Test
  void bucketsFollowTheConfiguredZone() {
    // 23:30 UTC on 1 January is already 2 January in Berlin (UTC+1 in winter).
    List<RetentionCandidate> h = List.of(at("2026-01-01T23:30:00Z"), at("2026-01-01T22:30:00Z"));
    RetentionPolicy utc = policy().keep(CalendarBucket.DAILY, 2).build();
    RetentionPolicy berlin =
        policy().keep(CalendarBucket.DAILY, 2).zone(ZoneId.of("Europe/Berlin")).build();
    assertThat(kept(utc, h)).containsOnlyKeys("2026-01-01T23:30:00Z");
    assertThat(kept(berlin, h))
        .containsEntry("2026-01-01T23:30:00Z", List.of("daily 2026-01-02"))
        .containsEntry("2026-01-01T22:30:00Z", List.of("daily 2026-01-01"));
  }

  @Test
  void emptyHistoryDecidesNothing() {
    assertThat(RetentionSelector.select(policy().keepLast(1).build(), List.of())).isEmpty();
  }

  /**
   * Ten days of hourly snapshots, 1 to 10 March 2026 at half past each hour (1 March is a Sunday,
   * so 2 to 8 March is 2026-W10 and 9 to 10 March is 2026-W11), by hand:
   *
   * <ul>
   *   <li>last 2: 10 March 23:30 and 22:30;
   *   <li>hourly 5: 10 March 19:30 to 23:30;
   *   <li>daily 7: 23:30 on each of 4 to 10 March;
   *   <li>weekly 2: 10 March 23:30 (W11) and 8 March 23:30 (W10), both already daily.
   * </ul>
   *
   * That is 5 + 6 = 11 kept of 240.
   */
  @Test
  void combinedRulesOnTenDaysOfHourlySnapshots() {
    List<RetentionCandidate> h = Histories.every(Duration.ofHours(1), "2026-03-01T00:30:00Z", 240);
    RetentionPolicy p =
        policy()
            .keepLast(2)
            .keep(CalendarBucket.HOURLY, 5)
            .keep(CalendarBucket.DAILY, 7)
            .keep(CalendarBucket.WEEKLY, 2)
            .build();
    Map<String, List<String>> kept = kept(p, h);
    assertThat(kept)
        .containsOnlyKeys(
            "2026-03-10T23:30:00Z",
            "2026-03-10T22:30:00Z",
            "2026-03-10T21:30:00Z",
            "2026-03-10T20:30:00Z",
            "2026-03-10T19:30:00Z",
            "2026-03-09T23:30:00Z",
            "2026-03-08T23:30:00Z",
            "2026-03-07T23:30:00Z",
            "2026-03-06T23:30:00Z",
            "2026-03-05T23:30:00Z",
            "2026-03-04T23:30:00Z");
    assertThat(kept.get("2026-03-10T23:30:00Z"))
        .containsExactly(
            "last 2", "hourly 2026-03-10T23:00Z", "daily 2026-03-10", "weekly 2026-W11");
    assertThat(kept.get("2026-03-10T22:30:00Z"))
        .containsExactly("last 2", "hourly 2026-03-10T22:00Z");
    assertThat(kept.get("2026-03-08T23:30:00Z"))
        .containsExactly("daily 2026-03-08", "weekly 2026-W10");
    assertThat(RetentionSelector.select(p, h).stream().filter(d -> !d.kept())).hasSize(229);
  }
}

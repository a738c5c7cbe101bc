package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.MutableClock;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionPlannerTest {
  private static final RefName MAIN = RefName.parse("ml/main");
  private static final RefName DEV = RefName.parse("ml/dev");

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private Repository repo;
  private RetentionPolicies policies;
  private int written;

  @BeforeEach
  void open() {
    repo = Repository.init(tmp.resolve("repo"), TestRepos.options().withClock(clock));
    policies = RetentionPolicies.of(repo);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  /** A new snapshot on {@code ref}, then the clock moves on by {@code step}. */
  private ObjectId snap(RefName ref, Duration step) throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("data.txt"), "version " + ++written);
    ObjectId id = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
    clock.advance(step);
    return id;
  }

  private List<ObjectId> snaps(RefName ref, int n) throws Exception {
    List<ObjectId> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(snap(ref, Duration.ofDays(1)));
    }
    return out;
  }

  private RetentionReport report(GcRoots... pins) {
    return new RetentionPlanner().report(repo, RootSet.collect(repo, List.of(pins)));
  }

  private static List<ObjectId> expired(RetentionReport r) {
    return r.expired().stream().map(RetentionReport.Verdict::snapshot).toList();
  }

  private static Map<ObjectId, List<String>> reasons(RetentionReport r) {
    return r.snapshots().stream()
        .collect(
            Collectors.toMap(RetentionReport.Verdict::snapshot, RetentionReport.Verdict::reasons));
  }

  @Test
  void withoutPoliciesNothingExpires() throws Exception {
    List<ObjectId> s = snaps(MAIN, 3);
    RetentionReport r = report();
    assertThat(r.expired()).isEmpty();
    assertThat(reasons(r).get(s.get(0))).containsExactly("ml/main: no policy");
    assertThat(new RetentionPlanner().plan(repo, RootSet.collect(repo, List.of()), clock.instant()))
        .isEqualTo(ExpiryPlan.EMPTY);
  }

  @Test
  void expiresWhatThePolicyDropsWithTheRefAndTheRules() throws Exception {
    List<ObjectId> s = snaps(MAIN, 5);
    policies.set(MAIN, RetentionPolicy.builder().keepLast(2).build());
    RetentionReport r = report();
    assertThat(expired(r)).containsExactly(s.get(2), s.get(1), s.get(0));
    assertThat(reasons(r).get(s.get(4))).containsExactly("ml/main: last 2", "held by ref ml/main");
    ExpiryPlan plan =
        new RetentionPlanner().plan(repo, RootSet.collect(repo, List.of()), clock.instant());
    assertThat(plan.expired().get(0))
        .isEqualTo(
            new ExpiryPlan.Expired(
                s.get(2), "ml/main", "kept by no rule of ml/main (keep-last 2)"));
  }

  @Test
  void aRefWithoutAPolicyKeepsTheHistoryItShares() throws Exception {
    List<ObjectId> s = snaps(MAIN, 4);
    repo.refs().update(DEV, RefExpectation.absent(), s.get(1), "branch");
    policies.set(MAIN, RetentionPolicy.builder().keepLast(1).build());
    RetentionReport r = report();
    assertThat(expired(r)).containsExactly(s.get(2));
    assertThat(reasons(r).get(s.get(0))).containsExactly("ml/dev: no policy");
  }

  @Test
  void aSnapshotInTwoHistoriesExpiresOnlyIfNeitherPolicyKeepsIt() throws Exception {
    List<ObjectId> s = snaps(MAIN, 4);
    repo.refs().update(DEV, RefExpectation.absent(), s.get(1), "branch");
    policies.set(MAIN, RetentionPolicy.builder().keepLast(1).build());
    policies.set(DEV, RetentionPolicy.builder().keepLast(2).build());
    RetentionReport r = report();
    assertThat(expired(r)).containsExactly(s.get(2));
    assertThat(reasons(r).get(s.get(0))).containsExactly("ml/dev: last 2");
    assertThat(r.snapshots().stream().filter(v -> v.snapshot().equals(s.get(0))).findFirst())
        .hasValueSatisfying(v -> assertThat(v.refs()).containsExactly(DEV, MAIN));

    policies.set(DEV, RetentionPolicy.builder().keepLast(1).build());
    assertThat(expired(report())).containsExactly(s.get(2), s.get(0));
  }

  @Test
  void tagsAndPinsHoldSnapshotsThePolicyDrops() throws Exception {
    List<ObjectId> s = snaps(MAIN, 3);
    repo.refs().tag(RefName.parse("ml/v1"), s.get(0), "release");
    policies.set(MAIN, RetentionPolicy.builder().keepLast(1).build());
    GcRoots lineage = () -> List.of(new GcRoots.Pin(s.get(1), "lineage artifact 7 in ml"));
    RetentionReport r = report(lineage);
    assertThat(r.expired()).isEmpty();
    assertThat(reasons(r).get(s.get(0))).containsExactly("held by tag ml/v1");
    assertThat(reasons(r).get(s.get(1))).containsExactly("held by lineage artifact 7 in ml");

    policies.set(MAIN, RetentionPolicy.builder().keepLast(1).keepTagged().build());
    assertThat(reasons(report(lineage)).get(s.get(0)))
        .containsExactly("ml/main: tag ml/v1", "held by tag ml/v1");
  }

  @Test
  void deletingExpiredSnapshotsLeavesTheOlderKeptOnesGoverned() throws Exception {
    Duration half = Duration.ofHours(12);
    ObjectId day1Early = snap(MAIN, half);
    ObjectId day1Late = snap(MAIN, half);
    ObjectId day2Early = snap(MAIN, half);
    ObjectId day2Late = snap(MAIN, half);
    policies.set(MAIN, RetentionPolicy.builder().keep(CalendarBucket.DAILY, 2).build());
    assertThat(expired(report())).containsExactly(day2Early, day1Early);

    repo.deleteSnapshot(day2Early); // day2Late's parent: the head's chain now ends there
    repo.deleteSnapshot(day1Early);
    RetentionReport after = report();
    assertThat(after.expired()).isEmpty();
    assertThat(reasons(after).get(day1Late)).containsExactly("ml/main: daily 2026-03-01");

    ObjectId day3 = snap(MAIN, half);
    assertThat(expired(report())).containsExactly(day1Late);
    assertThat(reasons(report()).get(day3)).contains("ml/main: daily 2026-03-03");
    assertThat(reasons(report())).containsKey(day2Late);
  }

  @Test
  void aRefThatMovedAfterTheRootsWereReadStillHoldsItsNewHead() throws Exception {
    List<ObjectId> s = snaps(MAIN, 2);
    RootSet before = RootSet.collect(repo, List.of());
    ObjectId newHead = snap(MAIN, Duration.ofDays(1));
    policies.set(MAIN, RetentionPolicy.builder().keepTagged().build());
    RetentionReport r = new RetentionPlanner().report(repo, before);
    assertThat(expired(r)).containsExactly(s.get(0));
    assertThat(reasons(r).get(newHead)).containsExactly("held by ref ml/main");
  }

  @Test
  void snapshotsAPolicyKeepsByARuleAreRootsForDeletionButThoseOfRefsWithoutAPolicyAreNot()
      throws Exception {
    List<ObjectId> main = snaps(MAIN, 3);
    List<ObjectId> other = snaps(DEV, 2);
    policies.set(MAIN, RetentionPolicy.builder().keepLast(2).build());
    RootSet roots = RootSet.collect(repo, List.of(new RetentionRoots(repo)));

    assertThat(roots.holdersOf(main.get(1))).containsExactly("retention (ml/main: last 2)");
    assertThat(roots.holdersOf(main.get(0))).isEmpty();
    assertThat(roots.holdersOf(other.get(0))).isEmpty();
    assertThatThrownBy(() -> roots.deleteUnlessHeld(repo, main.get(1), "or pass --force"))
        .isInstanceOf(dev.cairn.store.ConflictException.class)
        .hasMessageContaining("retention (ml/main: last 2)");
    roots.deleteUnlessHeld(repo, other.get(0), "or pass --force");
    assertThat(repo.listSnapshots(java.util.Optional.empty()))
        .extracting(dev.cairn.store.Snapshot::id)
        .doesNotContain(other.get(0));
  }
}

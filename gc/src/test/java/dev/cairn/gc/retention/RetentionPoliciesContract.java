package dev.cairn.gc.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.gc.CalendarBucket;
import dev.cairn.gc.PolicyUpdate;
import dev.cairn.gc.RetentionPeriod;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SupportsBackendAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every repository's policy storage guarantees; each backend joins in one class. */
abstract class RetentionPoliciesContract {
  private static final RefName MAIN = RefName.parse("ml/main");
  private static final RefName DEV = RefName.parse("ml/dev");

  @TempDir Path tmp;
  Repository repo;
  RetentionPolicies policies;

  /** A new, empty repository. */
  abstract Repository newRepository(Path tmp);

  /** The same repository opened again, as another process would. */
  abstract Repository reopen(Path tmp);

  @BeforeEach
  void open() {
    repo = newRepository(tmp);
    policies = RetentionPolicies.of(repo);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private static RetentionPolicy keepLast(int n) {
    return RetentionPolicy.builder().keepLast(n).build();
  }

  @Test
  void everyRuleSurvivesARoundTripThroughAReopenedRepository() {
    RetentionPolicy p =
        RetentionPolicy.builder()
            .keepLast(1)
            .keep(CalendarBucket.HOURLY, 2)
            .keep(CalendarBucket.DAILY, 3)
            .keep(CalendarBucket.WEEKLY, 4)
            .keep(CalendarBucket.MONTHLY, 5)
            .keep(CalendarBucket.YEARLY, 6)
            .keepWithin(RetentionPeriod.parse("1y2m3d4h"))
            .keepTagged()
            .zone(ZoneId.of("Europe/Berlin"))
            .build();
    assertThat(policies.set(MAIN, p)).isEqualTo(PolicyUpdate.CREATED);
    repo.close();
    repo = reopen(tmp);
    RetentionPolicies again = RetentionPolicies.of(repo);
    assertThat(again.find(MAIN)).contains(new RetentionPolicies.Stored(MAIN, 1, p));
    assertThat(again.find(DEV)).isEmpty();

    RetentionPolicy unlimited =
        RetentionPolicy.builder()
            .keepLast(RetentionPolicy.UNLIMITED)
            .keep(CalendarBucket.YEARLY, RetentionPolicy.UNLIMITED)
            .build();
    again.set(DEV, unlimited);
    assertThat(again.find(DEV).orElseThrow().policy()).isEqualTo(unlimited);
  }

  @Test
  void updatesClearsAndListsByRefName() {
    assertThat(policies.set(MAIN, keepLast(3))).isEqualTo(PolicyUpdate.CREATED);
    assertThat(policies.set(DEV, keepLast(1))).isEqualTo(PolicyUpdate.CREATED);
    assertThat(policies.set(MAIN, keepLast(3))).isEqualTo(PolicyUpdate.UNCHANGED);
    assertThat(policies.set(MAIN, keepLast(5))).isEqualTo(PolicyUpdate.UPDATED);
    assertThat(policies.list())
        .extracting(s -> s.ref().toString(), RetentionPolicies.Stored::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ml/dev", 1L),
            org.assertj.core.groups.Tuple.tuple("ml/main", 2L));

    assertThat(policies.clear(MAIN)).isEqualTo(PolicyUpdate.CLEARED);
    assertThat(policies.clear(MAIN)).isEqualTo(PolicyUpdate.UNCHANGED);
    assertThat(policies.find(MAIN)).isEmpty();
    assertThat(policies.version(MAIN)).isEqualTo(3);
    assertThat(policies.list()).extracting(RetentionPolicies.Stored::ref).containsExactly(DEV);
    assertThat(policies.set(MAIN, keepLast(2))).isEqualTo(PolicyUpdate.CREATED);
    assertThat(policies.version(MAIN)).isEqualTo(4);
  }

  @Test
  void aStaleExpectedVersionIsAConflictAndChangesNothing() {
    policies.set(MAIN, keepLast(3));
    assertThat(policies.update(MAIN, 0, Optional.of(keepLast(9)))).isEqualTo(PolicyUpdate.CONFLICT);
    assertThat(policies.update(MAIN, 2, Optional.of(keepLast(9)))).isEqualTo(PolicyUpdate.CONFLICT);
    assertThat(policies.find(MAIN).orElseThrow().policy()).isEqualTo(keepLast(3));
    assertThat(policies.update(MAIN, 1, Optional.of(keepLast(9)))).isEqualTo(PolicyUpdate.UPDATED);
  }

  @Test
  void onlyTheNewestVersionsAreKeptAndNumberingGoesOn() {
    int updates = BackendRetentionPolicies.KEPT_VERSIONS + 5;
    for (int i = 1; i <= updates; i++) {
      policies.set(MAIN, keepLast(i));
    }
    policies.set(DEV, keepLast(1));
    assertThat(versionObjects("retention/ml/main/"))
        .hasSize(BackendRetentionPolicies.KEPT_VERSIONS)
        .last()
        .isEqualTo(BackendRetentionPolicies.name(MAIN, updates));
    assertThat(versionObjects("retention/ml/dev/")).hasSize(1);
    assertThat(policies.find(MAIN).orElseThrow())
        .isEqualTo(new RetentionPolicies.Stored(MAIN, updates, keepLast(updates)));
    assertThat(policies.update(MAIN, 3, Optional.of(keepLast(1)))).isEqualTo(PolicyUpdate.CONFLICT);
    assertThat(policies.update(MAIN, updates, Optional.empty())).isEqualTo(PolicyUpdate.CLEARED);
    assertThat(policies.version(MAIN)).isEqualTo(updates + 1);
  }

  private List<String> versionObjects(String prefix) {
    try (var objects = ((SupportsBackendAccess) repo).backend().list(prefix)) {
      return objects.map(ObjectInfo::name).toList();
    }
  }

  @Test
  void ofWritersRacingFromTheSameVersionExactlyOneWins() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<PolicyUpdate>> results = new ArrayList<>();
      for (int i = 1; i <= writers; i++) {
        int n = i;
        results.add(pool.submit(() -> policies.update(MAIN, 0, Optional.of(keepLast(n)))));
      }
      List<PolicyUpdate> outcomes = new ArrayList<>();
      for (Future<PolicyUpdate> f : results) {
        outcomes.add(f.get());
      }
      assertThat(outcomes).containsOnlyOnce(PolicyUpdate.CREATED);
      assertThat(outcomes).filteredOn(u -> u == PolicyUpdate.CONFLICT).hasSize(writers - 1);
      assertThat(policies.version(MAIN)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentBlindSetsAllLandAsSuccessiveVersions() throws Exception {
    int writers = 6;
    int each = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int base = w * each;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 1; i <= each; i++) {
                    assertThat(policies.set(MAIN, keepLast(base + i)))
                        .isIn(PolicyUpdate.CREATED, PolicyUpdate.UPDATED);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(policies.version(MAIN)).isEqualTo(writers * each);
    assertThat(policies.find(MAIN).orElseThrow().policy().keepLast()).isBetween(1, writers * each);
  }

  @Test
  void aDamagedRecordIsReportedAsCorruptWithItsName() {
    String name = BackendRetentionPolicies.name(MAIN, 1);
    ((SupportsBackendAccess) repo)
        .backend()
        .put(
            name,
            "cairn-retention 1\nref ml/main\nkeep-sometimes 3\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> policies.find(MAIN))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("keep-sometimes");
  }
}

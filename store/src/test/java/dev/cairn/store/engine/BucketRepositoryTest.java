package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.DiffEntry;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.S3Location;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.s3.S3Backend;
import dev.cairn.store.testkit.FaultyProxy;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a repository in a bucket adds to a local one: its cache, and other machines. */
class BucketRepositoryTest {
  @TempDir Path tmp;
  private final TreeGenerator gen = new TreeGenerator(5);
  private final RefName ref = RefName.parse("team/data");

  private RepositoryLocation.Bucket newLocation(String machine) {
    return S3TestServer.shared().newRepositoryLocation(tmp.resolve(machine));
  }

  private Path source(String name) throws Exception {
    Path src = tmp.resolve(name);
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    return src;
  }

  @Test
  void initCreatesAMissingBucket() {
    S3TestServer server = S3TestServer.shared();
    assumeFalse(server.external(), "creating buckets on a real service is not ours to do");
    S3Location fresh =
        new S3Location("cairn-new-" + UUID.randomUUID().toString().substring(0, 8), "repo");
    RepositoryLocation.Bucket where =
        new RepositoryLocation.Bucket(fresh, server.settings(), tmp.resolve("cache"), 1 << 20);
    Repository.init(where, TestRepos.options()).close();
    try (S3Backend b = S3Backend.connect(fresh, server.settings())) {
      assertThat(b.bucketExists()).isTrue();
      assertThat(b.stat("config")).isPresent();
    }
  }

  @Test
  void initRefusesAnExistingRepositoryOrAPrefixInUse() {
    RepositoryLocation.Bucket where = newLocation("a");
    Repository.init(where, TestRepos.options()).close();
    assertThatThrownBy(() -> Repository.init(where, TestRepos.options()))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Cannot init repository " + where + ": a repository exists there already");

    RepositoryLocation.Bucket used = newLocation("b");
    try (S3Backend b = S3Backend.connect(used.location(), used.settings())) {
      b.put("someone-elses/file", new byte[1]);
    }
    assertThatThrownBy(() -> Repository.init(used, TestRepos.options()))
        .hasMessageContaining("the prefix holds other objects");
  }

  @Test
  void openingWhereThereIsNoRepositoryIsNotFound() {
    RepositoryLocation.Bucket where = newLocation("a");
    assertThatThrownBy(() -> Repository.open(where, TestRepos.options()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No cairn repository at " + where + " (run 'cairn init' to create one)");
  }

  @Test
  void aDeletedCacheIsRebuiltFromTheBucket() throws Exception {
    RepositoryLocation.Bucket where = newLocation("cache");
    Path src = source("src");
    ObjectId id;
    try (Repository repo = Repository.init(where, TestRepos.options())) {
      id = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
    }
    deleteTree(tmp.resolve("cache"));

    try (Repository repo = Repository.openReadOnly(where, TestRepos.options())) {
      assertThat(repo.listSnapshots(Optional.empty())).extracting(Snapshot::id).containsExactly(id);
      assertThat(repo.refs().load(ref).target()).isEqualTo(id);
      repo.restore(id, "", tmp.resolve("out"), Progress.NONE);
      assertThat(TreeGenerator.describe(tmp.resolve("out"))).isEqualTo(TreeGenerator.describe(src));
      assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
    }
  }

  @Test
  void rebuildingTheIndexReadsEverythingBackFromTheBucket() throws Exception {
    RepositoryLocation.Bucket where = newLocation("cache");
    try (Repository repo = Repository.init(where, TestRepos.options())) {
      ObjectId id = repo.snapshot(SnapshotRequest.of(source("src"), ref)).snapshot().id();
      var rebuilt = repo.rebuildIndex();
      assertThat(rebuilt.problems()).isEmpty();
      assertThat(rebuilt.snapshots()).isEqualTo(1);
      assertThat(repo.refs().load(ref).target()).isEqualTo(id);
      assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
    }
  }

  @Test
  void aSecondMachineSeesTheFirstMachinesSnapshotsAndRefs() throws Exception {
    RepositoryLocation.Bucket machineA = newLocation("machine-a");
    RepositoryLocation.Bucket machineB = machineA.withCacheRoot(tmp.resolve("machine-b"));
    ObjectId first;
    try (Repository a = Repository.init(machineA, TestRepos.options())) {
      first = a.snapshot(SnapshotRequest.of(source("one"), ref)).snapshot().id();
    }
    ObjectId second;
    try (Repository b = Repository.open(machineB, TestRepos.options())) {
      assertThat(b.refs().load(ref).target()).isEqualTo(first);
      second = b.snapshot(SnapshotRequest.of(source("two"), ref)).snapshot().id();
      assertThat(b.loadSnapshot(second).parents()).containsExactly(first);
    }
    try (Repository a = Repository.openReadOnly(machineA, TestRepos.options())) {
      assertThat(a.refs().load(ref).target()).isEqualTo(second);
      assertThat(a.refs().log(ref)).hasSize(2);
      assertThat(a.history(ref)).extracting(Snapshot::id).containsExactly(second, first);
      assertThat(a.diff(first, second)).isNotEmpty();
      assertThat(a.check(CheckOptions.READ_DATA).problems()).isEmpty();
    }
  }

  @Test
  void listingAndDiffingACachedRepositoryNeedFewRequests() throws Exception {
    S3TestServer server = S3TestServer.shared();
    try (FaultyProxy counter =
        FaultyProxy.start(server.endpoint(), FaultyProxy.none(), Duration.ZERO)) {
      RepositoryLocation.Bucket where =
          server.newRepositoryLocationVia(counter.endpoint(), tmp.resolve("cache"));
      Path src = tmp.resolve("src");
      for (int d = 0; d < 20; d++) {
        for (int f = 0; f < 20; f++) {
          gen.randomFile(src.resolve("dir" + d + "/file" + f), 100 + f);
        }
      }
      ObjectId first;
      ObjectId second;
      try (Repository repo = Repository.init(where, TestRepos.options())) {
        first = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
        gen.randomFile(src.resolve("dir7/file3"), 999);
        second = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
      }
      counter.resetCounts();
      try (Repository repo = Repository.openReadOnly(where, TestRepos.options())) {
        for (int d = 0; d < 20; d++) {
          assertThat(repo.list(second, "dir" + d)).hasSize(20);
        }
        List<DiffEntry> diff = repo.diff(first, second);
        assertThat(diff).hasSize(1);
      }
      // Opening lists the journal, the snapshots and the packs; trees come from the cache.
      assertThat(counter.requests("GET")).isLessThanOrEqualTo(4);
      assertThat(counter.requests("PUT")).isZero();
    }
  }

  @Test
  void underInjectedFaultsEverySnapshotCompletesAndVerifies() throws Exception {
    S3TestServer server = S3TestServer.shared();
    try (FaultyProxy proxy =
        FaultyProxy.start(
            server.endpoint(),
            FaultyProxy.random(
                7,
                0.1,
                FaultyProxy.Fault.SERVER_ERROR,
                FaultyProxy.Fault.SLOW_DOWN,
                FaultyProxy.Fault.RESET_BEFORE_REQUEST,
                FaultyProxy.Fault.RESET_AFTER_REQUEST,
                FaultyProxy.Fault.CUT_RESPONSE),
            Duration.ZERO)) {
      RepositoryLocation.Bucket where = faultTolerant(server, proxy);
      try (Repository repo = Repository.init(where, TestRepos.options())) {
        for (int i = 0; i < 3; i++) {
          Path src = source("src" + i);
          Snapshot s = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot();
          Path out = tmp.resolve("out" + i);
          repo.restore(s.id(), "", out, Progress.NONE);
          assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
        }
        assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
      }
      assertThat(proxy.injected().keySet()).hasSizeGreaterThan(3);
    }
  }

  @Test
  void aSnapshotThatRunsOutOfRetriesFailsCleanlyAndEarlierSnapshotsStayIntact() throws Exception {
    S3TestServer server = S3TestServer.shared();
    try (FaultyProxy proxy =
        FaultyProxy.start(server.endpoint(), FaultyProxy.none(), Duration.ZERO)) {
      RepositoryLocation.Bucket where = faultTolerant(server, proxy);
      Path src = source("src");
      try (Repository repo = Repository.init(where, TestRepos.options())) {
        ObjectId good = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
        gen.randomFile(src.resolve("new/big.bin"), 3 << 20);
        // The server goes away for good in the middle of the next snapshot's uploads.
        long[] puts = {0};
        proxy.plan(
            (n, method, target) ->
                method.equals("PUT") && ++puts[0] > 2
                    ? FaultyProxy.Fault.SLOW_DOWN
                    : FaultyProxy.Fault.NONE);
        assertThatThrownBy(() -> repo.snapshot(SnapshotRequest.of(src, ref)))
            .hasMessageContaining("gave up after");
        proxy.plan(FaultyProxy.none());
        assertThat(repo.refs().load(ref).target()).isEqualTo(good);
        assertThat(repo.listSnapshots(Optional.empty()))
            .extracting(Snapshot::id)
            .containsExactly(good);
        assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
      }
      deleteTree(tmp.resolve("cache"));
      try (Repository repo = Repository.open(where, TestRepos.options())) {
        assertThat(repo.listSnapshots(Optional.empty())).hasSize(1);
        assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
      }
    }
  }

  private RepositoryLocation.Bucket faultTolerant(S3TestServer server, FaultyProxy proxy) {
    return new RepositoryLocation.Bucket(
        server.newLocation(),
        server
            .settings()
            .withEndpoint(proxy.endpoint())
            .withTuning(
                dev.cairn.store.S3Tuning.DEFAULTS.withRetries(
                    10, Duration.ofMillis(1), Duration.ofMillis(10))),
        tmp.resolve("cache"),
        64 << 20);
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

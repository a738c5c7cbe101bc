package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.s3.S3Backend;
import dev.cairn.store.testkit.FaultyProxy;
import dev.cairn.store.testkit.S3TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run on a bucket, with the storage's own time as 'cairn gc --dry-run' uses it, sends no
 * request that writes: no probe object for the time, nothing condemned, nothing deleted.
 */
class BucketDryRunTest {
  @TempDir Path tmp;

  @Test
  void aDryRunOnABucketWritesNothingAtAll() throws Exception {
    S3TestServer server = S3TestServer.shared();
    GcFixture fx = new GcFixture(tmp);
    try (FaultyProxy counter =
        FaultyProxy.start(server.endpoint(), FaultyProxy.none(), Duration.ZERO)) {
      RepositoryLocation.Bucket where =
          server.newRepositoryLocationVia(counter.endpoint(), tmp.resolve("cache"));
      Path a = tmp.resolve("a");
      GcFixture.dataSet(a, 1, 4);
      try (Repository repo = Repository.init(where, fx.options())) {
        GcFixture.Kept gone = GcFixture.snapshot(repo, a, "ns/gone");
        GcFixture.dataSet(a, 2, 4);
        GcFixture.snapshot(repo, a, "ns/kept");
        GarbageCollectorTest.dropRef(repo, "ns/gone");
        repo.deleteSnapshot(gone.id());
      }
      SortedMap<String, String> before = listing(where);
      counter.resetCounts();

      GcReport dry;
      try (Repository repo = Repository.openReadOnly(where, fx.options())) {
        dry =
            new GarbageCollector(repo, new RetentionPlanner(), List.of())
                .run(GcOptions.DEFAULTS.withGrace(Duration.ZERO).asDryRun());
      }

      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.marked().snapshots()).isEqualTo(1);
      assertThat(counter.requests("PUT")).isZero();
      assertThat(counter.requests("POST")).isZero();
      assertThat(counter.requests("DELETE")).isZero();
      assertThat(listing(where)).isEqualTo(before);
    }
  }

  @Test
  void theObservedTimeIsTheServersToTheSecond() {
    RepositoryLocation.Bucket where = S3TestServer.shared().newRepositoryLocation(tmp);
    try (Repository repo = Repository.init(where, new GcFixture(tmp).options())) {
      GcStorage storage = GcStorage.of(repo).orElseThrow();
      Instant observed = storage.observedStorageTime();
      Instant probed = storage.storageTime();
      // Both are the server's clock; the observed one is truncated to the second, so never later.
      assertThat(observed.getNano()).isZero();
      assertThat(observed).isBeforeOrEqualTo(probed).isAfter(probed.minus(Duration.ofMinutes(1)));
    }
  }

  private static SortedMap<String, String> listing(RepositoryLocation.Bucket where) {
    SortedMap<String, String> out = new TreeMap<>();
    try (S3Backend s3 = S3Backend.connect(where.location(), where.settings());
        Stream<ObjectInfo> objects = s3.list("")) {
      for (ObjectInfo o : (Iterable<ObjectInfo>) objects::iterator) {
        out.put(o.name(), o.size() + " " + o.lastModified());
      }
    }
    return out;
  }
}

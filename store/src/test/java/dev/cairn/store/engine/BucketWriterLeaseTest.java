package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.ConflictException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.WriterLeaseSettings;
import dev.cairn.store.testkit.MutableClock;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct writers of one bucket on several machines, kept apart by the writer lease. */
class BucketWriterLeaseTest {
  /** A heartbeat that never comes within a test: the holder looks frozen once the ttl passes. */
  private static final WriterLeaseSettings FROZEN =
      new WriterLeaseSettings(Duration.ofHours(2), Duration.ofHours(1), Duration.ofMillis(50));

  @TempDir Path tmp;
  private final TreeGenerator gen = new TreeGenerator(9);
  private final RefName ref = RefName.parse("team/data");

  private RepositoryOptions options(MutableClock clock) {
    return TestRepos.options().withClock(clock).withLockTimeout(Duration.ofMillis(300));
  }

  private Path source(String name) throws Exception {
    Path src = tmp.resolve(name);
    gen.randomFile(src.resolve("f.bin"), 50_000);
    return src;
  }

  @Test
  void aSecondWriterIsRefusedWhileReadersCarryOn() throws Exception {
    MutableClock clock = MutableClock.atNow();
    RepositoryLocation.Bucket a = S3TestServer.shared().newRepositoryLocation(tmp.resolve("a"));
    RepositoryLocation.Bucket b = a.withCacheRoot(tmp.resolve("b"));
    try (Repository writer = Repository.init(a, options(clock))) {
      ObjectId id = writer.snapshot(SnapshotRequest.of(source("src"), ref)).snapshot().id();
      assertThatThrownBy(() -> Repository.open(b, options(clock)))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("another writer holds its lease")
          .hasMessageContaining("cairn serve");
      try (Repository reader = Repository.openReadOnly(b, options(clock))) {
        assertThat(reader.refs().load(ref).target()).isEqualTo(id);
      }
    }
    Repository.open(b, options(clock)).close();
  }

  @Test
  void aFrozenWriterIsTakenOverAndCanNoLongerMoveRefs() throws Exception {
    MutableClock clock = MutableClock.atNow();
    RepositoryLocation.Bucket a =
        S3TestServer.shared().newRepositoryLocation(tmp.resolve("a")).withLease(FROZEN);
    RepositoryLocation.Bucket b = a.withCacheRoot(tmp.resolve("b"));
    try (Repository frozen = Repository.init(a, options(clock))) {
      ObjectId first = frozen.snapshot(SnapshotRequest.of(source("one"), ref)).snapshot().id();

      MutableClock later = new MutableClock(clock.instant().plus(Duration.ofHours(3)));
      ObjectId second;
      try (Repository taker = Repository.open(b, options(later))) {
        second = taker.snapshot(SnapshotRequest.of(source("two"), ref)).snapshot().id();

        assertThatThrownBy(() -> frozen.snapshot(SnapshotRequest.of(source("three"), ref)))
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("its writer lease was taken over by");
        assertThat(taker.refs().load(ref).target()).isEqualTo(second);
      }
      try (Repository reader = Repository.openReadOnly(b, options(later))) {
        assertThat(reader.history(ref))
            .extracting(dev.cairn.store.Snapshot::id)
            .containsExactly(second, first);
      }
    }
  }
}

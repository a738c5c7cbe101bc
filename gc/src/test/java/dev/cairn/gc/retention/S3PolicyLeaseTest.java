package dev.cairn.gc.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.ConflictException;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.WriterLeaseSettings;
import dev.cairn.store.testkit.MutableClock;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bucket's policies change only under the writer lease, as its refs do. */
class S3PolicyLeaseTest {
  /** A heartbeat that never comes within a test: the holder looks frozen once the ttl passes. */
  private static final WriterLeaseSettings FROZEN =
      new WriterLeaseSettings(Duration.ofHours(2), Duration.ofHours(1), Duration.ofMillis(50));

  private static final RefName MAIN = RefName.parse("ml/main");

  @TempDir Path tmp;

  @Test
  void aWriterWhoseLeaseWasTakenOverCannotChangeAPolicy() {
    MutableClock clock = MutableClock.atNow();
    RepositoryLocation.Bucket a =
        S3TestServer.shared().newRepositoryLocation(tmp.resolve("a")).withLease(FROZEN);
    try (Repository frozen = Repository.init(a, TestRepos.options().withClock(clock))) {
      RetentionPolicies mine = RetentionPolicies.of(frozen);
      mine.set(MAIN, RetentionPolicy.builder().keepLast(3).build());

      MutableClock later = new MutableClock(clock.instant().plus(Duration.ofHours(3)));
      try (Repository taker =
          Repository.open(
              a.withCacheRoot(tmp.resolve("b")), TestRepos.options().withClock(later))) {
        assertThatThrownBy(() -> mine.set(MAIN, RetentionPolicy.builder().keepLast(1).build()))
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("its writer lease was taken over by");
        assertThat(RetentionPolicies.of(taker).find(MAIN).orElseThrow().policy().keepLast())
            .isEqualTo(3);
      }
    }
  }
}

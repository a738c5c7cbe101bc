package dev.cairn.store.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.S3Tuning;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.TransferOptions;
import dev.cairn.store.TransferResult;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.testkit.FaultyProxy;
import dev.cairn.store.testkit.FaultyProxy.Fault;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push into a bucket behind a fault-injecting proxy: retried, or failed cleanly and resumed. */
class BucketTransferFaultTest {
  @TempDir Path tmp;
  private final RefName ref = RefName.parse("ml/data");
  private FaultyProxy proxy;
  private Repository source;
  private Snapshot snapshot;

  @BeforeEach
  void init() throws Exception {
    S3TestServer server = S3TestServer.shared();
    proxy = FaultyProxy.start(server.endpoint(), FaultyProxy.none(), Duration.ZERO);
    TreeGenerator gen = new TreeGenerator(21);
    for (int i = 0; i < 40; i++) {
      gen.randomFile(tmp.resolve("src/f" + i), 100_000);
    }
    source = Repository.init(tmp.resolve("source"), TestRepos.options());
    snapshot = source.snapshot(SnapshotRequest.of(tmp.resolve("src"), ref)).snapshot();
  }

  @AfterEach
  void close() {
    source.close();
    proxy.close();
  }

  /**
   * A bucket repository reached through the proxy, with quick retries: six attempts, so that a
   * request failing every time at a 15% fault rate (1 in 90,000) does not make the test flaky, as
   * three (1 in 300, over a few hundred requests) did.
   */
  private RepositoryLocation.Bucket behindProxy() {
    S3TestServer server = S3TestServer.shared();
    RepositoryLocation.Bucket direct = server.newRepositoryLocation(tmp.resolve("cache"));
    return new RepositoryLocation.Bucket(
        direct.location(),
        server
            .settings()
            .withEndpoint(proxy.endpoint())
            .withTuning(
                S3Tuning.DEFAULTS
                    .withRetries(6, Duration.ofMillis(1), Duration.ofMillis(10))
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))),
        direct.cacheRoot(),
        direct.packCacheBytes(),
        direct.lease());
  }

  private TransferOptions options() {
    return TransferOptions.defaults().withTempDir(tmp.resolve("scratch")).withRef(ref);
  }

  @Test
  void transientFaultsAreRetriedAndThePushVerifies() throws Exception {
    try (Repository bucket = Repository.init(behindProxy(), TestRepos.options())) {
      proxy.plan(
          FaultyProxy.random(
              7, 0.15, Fault.SERVER_ERROR, Fault.SLOW_DOWN, Fault.RESET_AFTER_REQUEST));

      new SnapshotTransfer(source, bucket).copy(snapshot.id(), options());

      proxy.plan(FaultyProxy.none());
      assertThat(proxy.injected().getOrDefault(Fault.SERVER_ERROR, 0L)).isPositive();
      assertThat(bucket.loadSnapshot(snapshot.id())).isEqualTo(snapshot);
      assertThat(bucket.check(CheckOptions.READ_DATA).problems()).isEmpty();
    }
  }

  @Test
  void anOutageMidwayFailsCleanlyAndTheRerunSendsOnlyWhatIsMissing() throws Exception {
    try (Repository bucket = Repository.init(behindProxy(), TestRepos.options())) {
      AtomicInteger packPuts = new AtomicInteger();
      // The service goes down for good after two packs have gone up.
      proxy.plan(
          (n, method, target) ->
              method.equals("PUT") && target.contains("/packs/") && packPuts.incrementAndGet() > 2
                  ? Fault.SERVER_ERROR
                  : Fault.NONE);

      assertThatThrownBy(() -> new SnapshotTransfer(source, bucket).copy(snapshot.id(), options()))
          .isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> bucket.loadSnapshot(snapshot.id()))
          .isInstanceOf(NotFoundException.class);

      proxy.plan(FaultyProxy.none());
      TransferResult resumed = new SnapshotTransfer(source, bucket).copy(snapshot.id(), options());

      assertThat(resumed.blobsSkipped()).isPositive();
      assertThat(resumed.rawBytesSent()).isLessThan(snapshot.totalBytes());
      assertThat(bucket.refs().load(ref).target()).isEqualTo(snapshot.id());
      assertThat(bucket.check(CheckOptions.READ_DATA).problems()).isEmpty();
      Path out = tmp.resolve("out");
      bucket.restore(snapshot.id(), "", out, Progress.NONE);
      assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(tmp.resolve("src")));
    }
  }
}

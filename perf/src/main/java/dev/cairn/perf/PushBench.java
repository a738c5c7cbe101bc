package dev.cairn.perf;

import dev.cairn.cli.WorkingSet;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.TransferOptions;
import dev.cairn.store.TransferResult;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.transfer.SnapshotTransfer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code PushBench [WORKDIR] [bench|demo]}: pushes a snapshot of the generated data set from a
 * local repository into a bucket (S3Proxy in this JVM on loopback, or {@code
 * CAIRN_TEST_S3_ENDPOINT}), then a second snapshot after a 1% change, then pulls the latest into an
 * empty local repository; reports MB/s and what each transfer sent and skipped.
 */
public final class PushBench {
  private static final RefName REF = RefName.parse("bench/data");

  private PushBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/cairn-push-bench").toAbsolutePath();
    WorkingSet.Scale scale = GenerateDataset.scale(args.length > 1 ? args[1] : "bench");
    deleteTree(work);
    Path data = work.resolve("data");
    WorkingSet set = new WorkingSet(data, GenerateDataset.SEED);
    set.generate(scale);
    long bytes = size(data);
    System.out.printf("data: %.1f MiB; load average before: %s%n%n", bytes / 1048576.0, load());

    S3TestServer server = S3TestServer.shared();
    RepositoryLocation.Bucket bucket = server.newRepositoryLocation(work.resolve("cache"));
    TransferOptions options = TransferOptions.defaults().withRef(REF).withTempDir(work);
    try (Repository local = Repository.init(work.resolve("local"), RepositoryOptions.DEFAULTS);
        Repository remote = Repository.init(bucket, RepositoryOptions.DEFAULTS);
        Repository back = Repository.init(work.resolve("back"), RepositoryOptions.DEFAULTS)) {
      ObjectId v1 = local.snapshot(SnapshotRequest.of(data, REF)).snapshot().id();
      Timed first = timed(() -> new SnapshotTransfer(local, remote).copy(v1, options));
      set.mutate(scale);
      ObjectId v2 = local.snapshot(SnapshotRequest.of(data, REF)).snapshot().id();
      Timed second = timed(() -> new SnapshotTransfer(local, remote).copy(v2, options));
      Timed pull = timed(() -> new SnapshotTransfer(remote, back).copy(v2, options));

      System.out.println(
          "| transfer | s | data MB/s | blobs sent | raw MB sent | pack MB sent | packs |"
              + " blobs skipped | MB skipped |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      row("push local -> S3, first", first, bytes);
      row("push local -> S3, after 1% change", second, bytes);
      row("pull S3 -> empty local", pull, bytes);
      System.out.printf("%nload average after: %s%n", load());
    }
    // S3Proxy's server threads would keep the JVM alive.
    System.exit(0);
  }

  private record Timed(TransferResult result, double seconds) {}

  private interface Run {
    TransferResult run();
  }

  private static Timed timed(Run run) {
    long t0 = System.nanoTime();
    TransferResult r = run.run();
    return new Timed(r, (System.nanoTime() - t0) / 1e9);
  }

  private static void row(String what, Timed t, long dataBytes) {
    TransferResult r = t.result();
    System.out.printf(
        "| %s | %.1f | %.0f | %d | %.2f | %.2f | %d | %d | %.1f |%n",
        what,
        t.seconds(),
        dataBytes / 1e6 / t.seconds(),
        r.blobsSent(),
        r.rawBytesSent() / 1e6,
        r.packBytesSent() / 1e6,
        r.packsSent(),
        r.blobsSkipped(),
        r.bytesSkipped() / 1e6);
  }

  private static String load() throws IOException {
    Path proc = Path.of("/proc/loadavg");
    return Files.exists(proc) ? Files.readString(proc).strip() : "unknown";
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

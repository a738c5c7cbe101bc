package dev.cairn.perf;

import dev.cairn.cli.WorkingSet;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.FaultyProxy;
import dev.cairn.store.testkit.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code S3Bench [WORKDIR] [bench|demo]}: snapshot and restore throughput of a repository in a
 * bucket (S3Proxy in this JVM on loopback, or {@code CAIRN_TEST_S3_ENDPOINT}) beside a local
 * repository on the same data, then the same runs through a counting relay for the number of S3
 * requests per GiB. Restores start from an empty cache, as on a fresh machine.
 */
public final class S3Bench {
  private static final RefName REF = RefName.parse("bench/data");
  private static final double GIB = 1L << 30;

  private S3Bench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/cairn-s3-bench").toAbsolutePath();
    String scale = args.length > 1 ? args[1] : "bench";
    deleteTree(work);
    Path data = work.resolve("data");
    new WorkingSet(data, GenerateDataset.SEED).generate(GenerateDataset.scale(scale));
    long bytes = size(data);
    System.out.printf("data: %.1f MiB in %d files%n%n", bytes / 1048576.0, fileCount(data));

    double[] local = localRun(work, data);
    S3TestServer server = S3TestServer.shared();
    double[] s3 = bucketRun(work, data, server.newRepositoryLocation(work.resolve("cache-a")));
    long[] counts;
    try (FaultyProxy counter =
        FaultyProxy.start(server.endpoint(), FaultyProxy.none(), Duration.ZERO)) {
      counts = countedRun(work, data, server, counter);
    }

    System.out.println("| backend | snapshot MB/s | restore MB/s |");
    System.out.println("|---|---:|---:|");
    System.out.printf("| local | %.0f | %.0f |%n", mbps(bytes, local[0]), mbps(bytes, local[1]));
    System.out.printf(
        "| S3 (%s) | %.0f | %.0f |%n",
        server.external() ? server.endpoint() : "S3Proxy, loopback",
        mbps(bytes, s3[0]),
        mbps(bytes, s3[1]));
    double gib = bytes / GIB;
    System.out.println();
    System.out.println("| S3 requests per GiB | PUT | GET | HEAD | POST | DELETE |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    System.out.printf(
        "| snapshot | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
        counts[0] / gib, counts[1] / gib, counts[2] / gib, counts[3] / gib, counts[4] / gib);
    System.out.printf(
        "| restore (empty cache) | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
        counts[5] / gib, counts[6] / gib, counts[7] / gib, counts[8] / gib, counts[9] / gib);
    // S3Proxy's server threads would keep the JVM alive.
    System.exit(0);
  }

  private static double[] localRun(Path work, Path data) throws IOException {
    try (Repository repo = Repository.init(work.resolve("local"), RepositoryOptions.DEFAULTS)) {
      long t0 = System.nanoTime();
      ObjectId id = repo.snapshot(SnapshotRequest.of(data, REF)).snapshot().id();
      long t1 = System.nanoTime();
      repo.restore(id, "", work.resolve("out-local"), Progress.NONE);
      long t2 = System.nanoTime();
      return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
    }
  }

  private static double[] bucketRun(Path work, Path data, RepositoryLocation.Bucket where) {
    ObjectId id;
    long t0;
    long t1;
    try (Repository repo = Repository.init(where, RepositoryOptions.DEFAULTS)) {
      t0 = System.nanoTime();
      id = repo.snapshot(SnapshotRequest.of(data, REF)).snapshot().id();
      t1 = System.nanoTime();
    }
    long t2 = System.nanoTime();
    try (Repository repo =
        Repository.openReadOnly(
            where.withCacheRoot(work.resolve("cache-b")), RepositoryOptions.DEFAULTS)) {
      repo.restore(id, "", work.resolve("out-s3"), Progress.NONE);
    }
    long t3 = System.nanoTime();
    return new double[] {(t1 - t0) / 1e9, (t3 - t2) / 1e9};
  }

  /** PUT, GET, HEAD, POST, DELETE for the snapshot, then the same for the restore. */
  private static long[] countedRun(Path work, Path data, S3TestServer server, FaultyProxy counter) {
    RepositoryLocation.Bucket where =
        new RepositoryLocation.Bucket(
            server.newLocation(),
            server.settings().withEndpoint(counter.endpoint()),
            work.resolve("cache-c"),
            RepositoryLocation.Bucket.DEFAULT_PACK_CACHE_BYTES);
    long[] counts = new long[10];
    ObjectId id;
    try (Repository repo = Repository.init(where, RepositoryOptions.DEFAULTS)) {
      counter.resetCounts();
      id = repo.snapshot(SnapshotRequest.of(data, REF)).snapshot().id();
      record(counter, counts, 0);
    }
    counter.resetCounts();
    try (Repository repo =
        Repository.openReadOnly(
            where.withCacheRoot(work.resolve("cache-d")), RepositoryOptions.DEFAULTS)) {
      repo.restore(id, "", work.resolve("out-counted"), Progress.NONE);
    }
    record(counter, counts, 5);
    return counts;
  }

  private static void record(FaultyProxy counter, long[] counts, int at) {
    List<String> methods = List.of("PUT", "GET", "HEAD", "POST", "DELETE");
    for (int i = 0; i < methods.size(); i++) {
      counts[at + i] = counter.requests(methods.get(i));
    }
  }

  private static double mbps(long bytes, double seconds) {
    return bytes / 1e6 / seconds;
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long fileCount(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

package dev.cairn.perf;

import dev.cairn.cli.WorkingSet;
import dev.cairn.gc.ExpiryPlanner;
import dev.cairn.gc.GarbageCollector;
import dev.cairn.gc.GcOptions;
import dev.cairn.gc.GcReport;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.MutableClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code GcBench build WORKDIR [bench|demo] [SNAPSHOTS]}, then {@code GcBench collect WORKDIR} in a
 * JVM of its own with a small heap: a repository of SNAPSHOTS (default 100) snapshots of the
 * generated data set (about 1 GiB), each after a fresh change of about 1% of its bytes; every other
 * snapshot but the last is then deleted (what retention would expire), and two collections run an
 * hour of the repository's clock apart: the first condemns, the second deletes. Reports mark speed,
 * what each run did, per-phase times, bytes reclaimed and the peak heap of each run, which the mark
 * dominates: the highest heap used seen (garbage included) and the highest heap left after a
 * garbage collection (the live set).
 */
public final class GcBench {
  private static final RefName REF = RefName.parse("bench/data");
  private static final Duration GRACE = Duration.ofHours(1);

  private GcBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !List.of("build", "collect", "check").contains(args[0])) {
      System.err.println(
          "usage: GcBench build WORKDIR [bench|demo] [SNAPSHOTS] | collect WORKDIR | check WORKDIR");
      System.exit(2);
    }
    Path work = Path.of(args[1]).toAbsolutePath();
    if (args[0].equals("build")) {
      build(
          work,
          GenerateDataset.scale(args.length > 2 ? args[2] : "bench"),
          args.length > 3 ? Integer.parseInt(args[3]) : 100);
    } else if (args[0].equals("collect")) {
      collect(work);
    } else {
      check(work);
    }
    System.out.printf("load average: %s%n", loadAverage());
  }

  /** Builds the repository: the snapshots, then every other one but the last deleted. */
  private static void build(Path work, WorkingSet.Scale scale, int count) throws IOException {
    S3Bench.deleteTree(work);
    Path data = work.resolve("data");
    new WorkingSet(data, GenerateDataset.SEED).generate(scale);
    try (Repository repo = Repository.init(work.resolve("repo"), RepositoryOptions.DEFAULTS)) {
      long t0 = System.nanoTime();
      List<ObjectId> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          changeOnePercent(data, scale, i);
        }
        ids.add(repo.snapshot(SnapshotRequest.of(data, REF)).snapshot().id());
      }
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      int deleted = 0;
      for (int i = 0; i < count - 1; i += 2) {
        repo.deleteSnapshot(ids.get(i));
        deleted++;
      }
      System.out.printf(
          "repository: %d snapshots of %.0f MiB, 1%% changed each, built in %.0f s, %.0f MiB;"
              + " %d deleted%n",
          count,
          scale.totalBytes() / 1048576.0,
          buildSeconds,
          S3Bench.size(work.resolve("repo")) / 1048576.0,
          deleted);
    }
  }

  /**
   * Two collections an hour of the repository's clock apart (the clock starts now: every pack is
   * older than the grace period once it moves two hours on).
   */
  private static void collect(Path work) throws IOException {
    MutableClock clock = MutableClock.atNow();
    Path dir = work.resolve("repo");
    long before = S3Bench.size(dir);
    try (Repository repo = Repository.open(dir, RepositoryOptions.DEFAULTS.withClock(clock))) {
      GarbageCollector gc = new GarbageCollector(repo, ExpiryPlanner.KEEP_ALL, List.of());
      clock.advance(GRACE.multipliedBy(2));
      Run first = run(gc);
      clock.advance(GRACE.multipliedBy(2));
      Run second = run(gc);
      long after = S3Bench.size(dir);
      System.out.println(
          "| run | mark s | snapshots/s | chunks/s | condemn s | sweep s | condemned | removed"
              + " | packs deleted | repacked | reclaimed MiB | peak heap MiB | peak live heap MiB |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      print("1 (condemns)", first);
      print("2 (deletes)", second);
      System.out.printf(
          "%nrepository %.0f MiB -> %.0f MiB; -Xmx %.0f MiB%n",
          before / 1048576.0, after / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
  }

  /** A full check with every pack read (it holds a whole pack in heap: run it with room). */
  private static void check(Path work) {
    try (Repository repo = Repository.open(work.resolve("repo"))) {
      long t0 = System.nanoTime();
      CheckReport check = repo.check(CheckOptions.READ_DATA);
      System.out.printf(
          "check --read-data: %s (%.0f s)%n",
          check.clean() ? "clean" : check.problems(), (System.nanoTime() - t0) / 1e9);
    }
  }

  private record Run(GcReport report, long peakHeap, long peakLiveHeap) {}

  private static Run run(GarbageCollector gc) {
    try (HeapPeak heap = HeapPeak.start()) {
      GcReport r = gc.run(GcOptions.DEFAULTS.withGrace(GRACE));
      return new Run(r, heap.peak(), heap.peakLive());
    }
  }

  private static void print(String name, Run run) {
    GcReport r = run.report();
    double mark = r.phases().mark().toNanos() / 1e9;
    System.out.printf(
        "| %s | %.2f | %.0f | %.0f | %.2f | %.2f | %d | %d | %d | %d | %.1f | %.0f | %.0f |%n",
        name,
        mark,
        r.marked().snapshots() / mark,
        r.marked().chunks() / mark,
        r.phases().condemn().toNanos() / 1e9,
        r.phases().sweep().toNanos() / 1e9,
        r.blobsCondemned(),
        r.blobsRemoved(),
        r.packsDeleted(),
        r.packsRepacked(),
        r.bytesReclaimed() / 1048576.0,
        run.peakHeap() / 1048576.0,
        run.peakLiveHeap() / 1048576.0);
  }

  /**
   * About 1% of the bytes, new each time: fresh random bytes over the same stretch of a weights
   * file (a region rewritten on every step, so what a deleted snapshot changed is its alone), and a
   * line added to one source file in a hundred.
   */
  private static void changeOnePercent(Path data, WorkingSet.Scale scale, int step)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(step);
    long stretch = scale.totalBytes() / 100;
    Path weights =
        data.resolve(String.format("model/weights-00001-of-%05d.bin", scale.weightFiles()));
    try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
      long at = f.length() / 3;
      byte[] buf = new byte[(int) stretch];
      rnd.nextBytes(buf);
      f.seek(at);
      f.write(buf);
    }
    try (Stream<Path> s = Files.walk(data.resolve("src"))) {
      List<Path> sources = s.filter(Files::isRegularFile).sorted().toList();
      for (int i = step % 100; i < sources.size(); i += 100) {
        Files.writeString(
            sources.get(i), "# step " + step + "\n", java.nio.file.StandardOpenOption.APPEND);
      }
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}

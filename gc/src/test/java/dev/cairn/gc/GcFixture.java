package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.MutableClock;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What GC tests share: a repository with small chunks and packs on a clock the test moves, data
 * sets that share most of their chunks, and the checks that a collection lost nothing.
 */
class GcFixture {
  final MutableClock clock = MutableClock.atNow();
  private final Instant start = clock.instant();
  private final Path tmp;
  private final AtomicLong restores = new AtomicLong();

  /** A snapshot and the exact description of what it held. */
  record Kept(ObjectId id, SortedMap<String, String> manifest) {}

  GcFixture(Path tmp) {
    this.tmp = tmp;
  }

  RepositoryOptions options() {
    return TestRepos.options().withClock(clock);
  }

  /** How far the test moved the clock since it began. */
  Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /**
   * The storage time GC uses: the repository's clock for a directory, the bucket's time moved on by
   * what the test advanced for a bucket (GcStorage reads it from the bucket, never guesses).
   */
  Supplier<Instant> gcTime(Repository repo, boolean bucket) {
    GcStorage storage = GcStorage.of(repo).orElseThrow();
    return bucket ? () -> storage.storageTime().plus(elapsed()) : storage::storageTime;
  }

  /** A data set of {@code files} random files of about 300 KB, fixed by {@code seed}. */
  static void dataSet(Path dir, long seed, int files) throws IOException {
    TreeGenerator gen = new TreeGenerator(seed);
    for (int i = 0; i < files; i++) {
      gen.randomFile(dir.resolve("f" + i + ".bin"), 200_000 + (int) (seed % 7) * 1000 + i * 997);
    }
  }

  static Kept snapshot(Repository repo, Path src, String ref) {
    return snapshot(repo, src, ref, r -> r);
  }

  static Kept snapshot(
      Repository repo, Path src, String ref, UnaryOperator<SnapshotRequest> request) {
    try {
      SortedMap<String, String> manifest = TreeGenerator.describe(src);
      ObjectId id =
          repo.snapshot(request.apply(SnapshotRequest.of(src, RefName.parse(ref)))).snapshot().id();
      return new Kept(id, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every kept snapshot restores bit for bit and the repository verifies with its data read. */
  void assertIntact(Repository repo, List<Kept> kept) {
    CheckReport report = repo.check(CheckOptions.READ_DATA);
    assertThat(report.problems()).isEmpty();
    kept.forEach(k -> assertRestores(repo, k));
  }

  /** The snapshot restores bit for bit (every blob read and verified against its id). */
  void assertRestores(Repository repo, Kept k) {
    Path out = tmp.resolve("restore-" + restores.incrementAndGet());
    repo.restore(k.id(), "", out, Progress.NONE);
    try {
      assertThat(TreeGenerator.describe(out)).as("snapshot %s", k.id()).isEqualTo(k.manifest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] b) {
    return TreeGenerator.sha256(b);
  }

  static long packCount(Repository repo) {
    return GcStorage.of(repo).orElseThrow().listPacks().size();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}

package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.gc.GcFixture.Kept;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.testkit.TestRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A collection halts abruptly at each of its steps (a JVM of its own, stopped as {@code kill -9}
 * would). Afterwards the repository checks clean with its data read, every retained snapshot
 * restores bit for bit, and the next collection finishes the job.
 */
class GcCrashTest {
  private static final GcOptions NO_GRACE = GcOptions.DEFAULTS.withGrace(Duration.ZERO);

  @TempDir Path tmp;

  /** Where the repository lives: a directory here; a bucket in {@link BucketGcCrashTest}. */
  protected RepositoryLocation location() {
    return new RepositoryLocation.Directory(tmp.resolve("repo"));
  }

  /** A planner that expires the given snapshots (retention's stand-in). */
  static ExpiryPlanner expiring(List<ObjectId> ids) {
    return (repo, roots, now) -> {
      List<ExpiryPlan.Expired> out = new ArrayList<>();
      for (ObjectId id : ids) {
        if (repo.listSnapshots(Optional.empty()).stream().anyMatch(s -> s.id().equals(id))) {
          out.add(new ExpiryPlan.Expired(id, "ns/other", "test"));
        }
      }
      return new ExpiryPlan(out);
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gc-expired",
        "gc-condemned",
        "gc-dropped",
        "gc-pack-unindexed",
        "gc-pack-deleted",
        "gc-repack-stored",
        "gc-repack-indexed",
        "gc-repack-source-deleted"
      })
  void aCrashAtAnyStepOfACollectionLosesNothingAndTheNextRunFinishes(String point)
      throws Exception {
    GcFixture fx = new GcFixture(tmp);
    RepositoryLocation where = location();
    Path src = tmp.resolve("src");
    Path other = tmp.resolve("other");
    Kept kept;
    Kept expired;
    try (Repository repo = Repository.init(where, TestRepos.options())) {
      // Packs that hold the dropped files of a big snapshot become mostly dead (repacked); the
      // expired snapshot's packs become wholly dead (deleted).
      GcFixture.dataSet(src, 21, 12);
      Kept big = GcFixture.snapshot(repo, src, "ns/main");
      for (int i = 0; i < 12; i++) {
        if (i % 4 != 0) {
          Files.delete(src.resolve("f" + i + ".bin"));
        }
      }
      kept = GcFixture.snapshot(repo, src, "ns/main");
      repo.deleteSnapshot(big.id());
      GcFixture.dataSet(other, 22, 6);
      expired = GcFixture.snapshot(repo, other, "ns/other");
      GarbageCollectorTest.dropRef(repo, "ns/other");
    }

    Process child = crashingChild(point, where, expired.id());
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(err).isEqualTo(137);
    assertThat(err).contains("crash injected at " + point);

    // A bucket's crashed collector still holds the writer lease until it is abandoned.
    try (Repository repo =
        Repository.open(where, TestRepos.options().withLockTimeout(Duration.ofSeconds(60)))) {
      if (where instanceof RepositoryLocation.Directory dir) {
        try (var scratch = Files.list(dir.path().resolve("tmp"))) {
          assertThat(scratch).as("scratch space cleared on open").isEmpty();
        }
      }
      fx.assertIntact(repo, List.of(kept));
      GarbageCollector again =
          new GarbageCollector(repo, expiring(List.of(expired.id())), List.of());
      again.run(NO_GRACE);
      fx.assertIntact(repo, List.of(kept));
      assertThat(repo.listSnapshots(Optional.empty()))
          .extracting(s -> s.id())
          .containsExactly(kept.id());
      GcReport after = again.run(NO_GRACE.asDryRun());
      assertThat(after.blobsCondemned() + after.blobsRemoved() + after.bytesReclaimed())
          .as("nothing left to collect")
          .isZero();
    }
  }

  private static Process crashingChild(String point, RepositoryLocation repo, ObjectId expire)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dcairn.crash.at=" + point,
                GcCrashChild.class.getName()));
    cmd.addAll(GcCrashChild.args(repo));
    cmd.add(expire.toString());
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}

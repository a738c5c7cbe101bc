package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.gc.GcFixture.Kept;
import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Collections run back to back, each moving the clock a grace period on, while writers keep
 * snapshotting data that shares most chunks with snapshots they delete: a file's new content is
 * drawn from a small pool, so it is often content that only deleted, condemned snapshots held. The
 * clock runs far ahead of the files' times, so even a writer's fresh packs look old: only revival
 * and the writer sessions keep what is in flight. Afterwards every retained snapshot restores bit
 * for bit and the repository verifies with its data read.
 */
class GcStressTest extends GcTestBase {
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final int WRITERS = 3;

  protected int snapshotsPerWriter() {
    return 8;
  }

  @Test
  void writersAndCollectionsTogetherNeverLoseARetainedSnapshot() throws Exception {
    Path base = tmp.resolve("base");
    GcFixture.dataSet(base, 100, 8);
    List<Kept> kept = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong removed = new AtomicLong();
    AtomicLong rounds = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    try (Repository repo = newRepository(fx.options())) {
      GarbageCollector gc = collector(repo, ExpiryPlanner.KEEP_ALL, List.of());
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> write(repo, base, writer, kept)));
      }
      Future<?> collector =
          pool.submit(
              () -> {
                // At least a few rounds even if the writers are done first.
                while (writing.get() || rounds.get() < 3) {
                  fx.clock.advance(GRACE);
                  GcReport r = gc.run(GcOptions.DEFAULTS.withGrace(GRACE));
                  removed.addAndGet(r.blobsRemoved());
                  rounds.incrementAndGet();
                }
                return null;
              });
      for (Future<?> f : writers) {
        f.get(5, TimeUnit.MINUTES);
      }
      writing.set(false);
      collector.get(5, TimeUnit.MINUTES);

      // Two more rounds carry out what the last condemned.
      for (int i = 0; i < 2; i++) {
        fx.clock.advance(GRACE.multipliedBy(2));
        removed.addAndGet(gc.run(GcOptions.DEFAULTS.withGrace(GRACE)).blobsRemoved());
      }
      assertThat(rounds.get()).isPositive();
      assertThat(removed.get())
          .as("collections reclaimed the deleted snapshots' blobs")
          .isPositive();
      assertThat(repo.listSnapshots(java.util.Optional.empty())).hasSameSizeAs(kept);
      fx.assertIntact(repo, kept);
    } finally {
      pool.shutdownNow();
    }
  }

  private Void write(Repository repo, Path base, int writer, List<Kept> kept) throws Exception {
    Path src = tmp.resolve("w" + writer);
    GcFixture.copyTree(base, src);
    Random rnd = new Random(writer);
    List<Kept> mine = new ArrayList<>();
    for (int i = 0; i < snapshotsPerWriter(); i++) {
      // New content from a pool of six: often what an earlier, since deleted, snapshot held.
      int seed = rnd.nextInt(6);
      Files.write(
          src.resolve("f" + rnd.nextInt(8) + ".bin"),
          new TreeGenerator(seed).randomBytes(150_000 + seed * 10_000));
      Files.write(src.resolve("small-" + i), ("writer " + writer + " step " + i).getBytes());
      Kept k = GcFixture.snapshot(repo, src, "ns/w" + writer);
      mine.add(k);
      kept.add(k);
      if (mine.size() > 2 && rnd.nextBoolean()) {
        // Delete an older snapshot, never the ref's head.
        Kept old = mine.remove(rnd.nextInt(mine.size() - 1));
        kept.remove(old);
        repo.deleteSnapshot(old.id());
      }
    }
    return null;
  }
}

package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.gc.GcFixture.Kept;
import dev.cairn.store.ConflictException;
import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SupportsUploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Two-phase collection on a directory repository; the bucket subclass runs every test on S3. */
class GarbageCollectorTest extends GcTestBase {
  static final Duration GRACE = Duration.ofHours(1);
  static final GcOptions OPTIONS = GcOptions.DEFAULTS.withGrace(GRACE);

  /** Every object of the repository, by name, with a hash of its bytes. */
  protected SortedMap<String, String> listing(Repository repo) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    Path root = tmp.resolve("repo");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString(), GcFixture.sha256(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  GcReport gc(Repository repo, GcOptions options) {
    return collector(repo, ExpiryPlanner.KEEP_ALL, List.of()).run(options);
  }

  /** Deletes a snapshot and its ref, ages its packs past the grace period and collects once. */
  private GcReport forgetAndCondemn(Repository repo, Kept snapshot, String ref) {
    dropRef(repo, ref);
    repo.deleteSnapshot(snapshot.id());
    fx.clock.advance(GRACE.multipliedBy(2));
    return gc(repo, OPTIONS);
  }

  static void dropRef(Repository repo, String ref) {
    repo.refs().delete(RefName.parse(ref), RefExpectation.any(), "test");
  }

  private Set<ObjectId> condemned(Repository repo) {
    Set<ObjectId> out = new HashSet<>();
    GcStorage.of(repo).orElseThrow().scanCondemned((id, c) -> out.add(id));
    return out;
  }

  @Test
  void unreferencedBlobsAreCondemnedFirstAndDeletedOnlyAfterTheGracePeriod() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    GcFixture.dataSet(a, 1, 12);
    GcFixture.dataSet(b, 2, 12);
    try (Repository repo = newRepository(fx.options())) {
      Kept gone = GcFixture.snapshot(repo, a, "ns/a");
      Kept kept = GcFixture.snapshot(repo, b, "ns/b");
      dropRef(repo, "ns/a");
      repo.deleteSnapshot(gone.id());
      long packsBefore = GcFixture.packCount(repo);

      GcReport young = gc(repo, OPTIONS);
      assertThat(young.blobsCondemned()).as("packs younger than the grace period").isZero();

      fx.clock.advance(GRACE.multipliedBy(2));
      GcReport first = gc(repo, OPTIONS);
      assertThat(first.blobsCondemned()).isPositive();
      assertThat(first.blobsRemoved()).isZero();
      assertThat(first.bytesReclaimed()).isZero();
      assertThat(first.marked().snapshots()).isEqualTo(1);

      fx.clock.advance(GRACE.dividedBy(2));
      assertThat(gc(repo, OPTIONS).blobsRemoved()).as("condemned for less than grace").isZero();

      fx.clock.advance(GRACE);
      GcReport second = gc(repo, OPTIONS);
      assertThat(second.blobsRemoved()).isEqualTo(first.blobsCondemned());
      assertThat(second.bytesReclaimed()).isPositive();
      assertThat(second.packsDeleted() + second.packsRepacked()).isPositive();
      assertThat(GcFixture.packCount(repo)).isLessThan(packsBefore);
      assertThat(condemned(repo)).isEmpty();
      fx.assertIntact(repo, List.of(kept));

      GcReport third = gc(repo, OPTIONS);
      assertThat(third.blobsCondemned() + third.blobsRemoved() + third.bytesReclaimed()).isZero();
    }
  }

  @Test
  void retentionNeverExpiresARootAndPinnedSnapshotsKeepTheirData() throws Exception {
    Path src = tmp.resolve("src");
    List<Kept> all = new ArrayList<>();
    try (Repository repo = newRepository(fx.options())) {
      for (int i = 0; i < 4; i++) {
        GcFixture.dataSet(src.resolve("v" + i), 10 + i, 3);
        all.add(GcFixture.snapshot(repo, src, "ns/main"));
      }
      Kept pinned = all.get(1);
      GcRoots lineage = () -> List.of(new GcRoots.Pin(pinned.id(), "lineage artifact 7 in ns"));
      // A careless planner that expires everything: GC must still keep the ref head and the pin.
      ExpiryPlanner everything =
          (r, roots, now) ->
              new ExpiryPlan(
                  all.stream()
                      .map(k -> new ExpiryPlan.Expired(k.id(), "ns/main", "test"))
                      .toList());
      fx.clock.advance(GRACE.multipliedBy(2));
      GcReport report = collector(repo, everything, List.of(lineage)).run(OPTIONS);
      assertThat(report.expired()).containsExactly(all.get(0).id(), all.get(2).id());
      fx.clock.advance(GRACE.multipliedBy(2));
      collector(repo, ExpiryPlanner.KEEP_ALL, List.of(lineage)).run(OPTIONS);

      assertThat(repo.listSnapshots(java.util.Optional.empty()))
          .extracting(s -> s.id())
          .containsExactlyInAnyOrder(pinned.id(), all.get(3).id());
      // v1 is only in the pinned snapshot's tree (later ones add to it, so v0..v3 stay in head).
      fx.assertIntact(repo, List.of(pinned, all.get(3)));
    }
  }

  @Test
  void aRefOrTagMovedOntoASnapshotAfterTheRootsWereReadKeepsItFromExpiring() throws Exception {
    Path src = tmp.resolve("src");
    List<Kept> all = new ArrayList<>();
    try (Repository repo = newRepository(fx.options())) {
      for (int i = 0; i < 3; i++) {
        GcFixture.dataSet(src.resolve("v" + i), 20 + i, 2);
        all.add(GcFixture.snapshot(repo, src, "ns/main"));
      }
      Kept branched = all.get(0);
      Kept tagged = all.get(1);
      // The roots are read before the plan; while the plan is made, another client creates a
      // branch and a tag on the snapshots it is about to expire.
      ExpiryPlanner racing =
          (r, roots, now) -> {
            r.refs().update(RefName.parse("ns/late"), RefExpectation.absent(), branched.id(), "x");
            r.refs().tag(RefName.parse("ns/v1"), tagged.id(), "x");
            return new ExpiryPlan(
                List.of(
                    new ExpiryPlan.Expired(branched.id(), "ns/main", "test"),
                    new ExpiryPlan.Expired(tagged.id(), "ns/main", "test")));
          };
      GcReport report = collector(repo, racing, List.of()).run(OPTIONS);
      assertThat(report.expired()).isEmpty();

      for (int i = 0; i < 2; i++) {
        fx.clock.advance(GRACE.multipliedBy(2));
        gc(repo, OPTIONS);
      }
      fx.assertIntact(repo, all);
    }
  }

  @Test
  void aGuardedDeleteRefusesASnapshotThatARefMovedOntoAfterTheRootsWereRead() throws Exception {
    Path src = tmp.resolve("src");
    GcFixture.dataSet(src, 30, 2);
    try (Repository repo = newRepository(fx.options())) {
      Kept first = GcFixture.snapshot(repo, src, "ns/main");
      GcFixture.dataSet(src.resolve("more"), 31, 1);
      GcFixture.snapshot(repo, src, "ns/main");
      RootSet roots = RootSet.collect(repo, List.of());
      repo.refs().update(RefName.parse("ns/late"), RefExpectation.absent(), first.id(), "x");

      assertThatThrownBy(() -> roots.deleteUnlessHeld(repo, first.id(), "or pass --force"))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("moved onto it meanwhile");
      fx.assertRestores(repo, first);
    }
  }

  @Test
  void aDryRunChangesNothing() throws Exception {
    Path a = tmp.resolve("a");
    GcFixture.dataSet(a, 3, 8);
    try (Repository repo = newRepository(fx.options())) {
      Kept k1 = GcFixture.snapshot(repo, a, "ns/a");
      GcFixture.dataSet(a, 4, 8);
      GcFixture.snapshot(repo, a, "ns/a");
      repo.deleteSnapshot(k1.id());
      fx.clock.advance(GRACE.multipliedBy(2));
      gc(repo, OPTIONS); // condemns k1's blobs: the dry run then has drops and packs to report
      fx.clock.advance(GRACE.multipliedBy(2));
      SortedMap<String, String> before = listing(repo);

      GcReport dry = gc(repo, OPTIONS.asDryRun());

      assertThat(listing(repo)).isEqualTo(before);
      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.blobsRemoved()).isPositive();
      assertThat(dry.bytesReclaimed()).isPositive();
      GcReport real = gc(repo, OPTIONS);
      assertThat(real.blobsRemoved()).isEqualTo(dry.blobsRemoved());
      assertThat(real.packsDeleted()).isEqualTo(dry.packsDeleted());
      assertThat(real.packsRepacked()).isEqualTo(dry.packsRepacked());
    }
  }

  @Test
  void aSnapshotThatDeduplicatesAgainstCondemnedBlobsRevivesThem() throws Exception {
    Path a = tmp.resolve("a");
    GcFixture.dataSet(a, 5, 6);
    try (Repository repo = newRepository(fx.options())) {
      Kept first = GcFixture.snapshot(repo, a, "ns/a");
      GcReport condemnedRun = forgetAndCondemn(repo, first, "ns/a");
      assertThat(condemned(repo)).hasSize((int) condemnedRun.blobsCondemned()).isNotEmpty();

      // The same data again: every chunk, file node and tree deduplicates against a condemned
      // blob, which revives it.
      Kept again = GcFixture.snapshot(repo, a, "ns/b");
      assertThat(again.manifest()).isEqualTo(first.manifest());
      assertThat(condemned(repo)).isEmpty();

      fx.clock.advance(GRACE.multipliedBy(2));
      GcReport next = gc(repo, OPTIONS);
      assertThat(next.blobsRemoved()).isZero();
      fx.assertIntact(repo, List.of(again));
    }
  }

  @Test
  void askingWhichBlobsAreMissingRevivesThePresentOnes() throws Exception {
    Path a = tmp.resolve("a");
    GcFixture.dataSet(a, 6, 4);
    try (Repository repo = newRepository(fx.options())) {
      forgetAndCondemn(repo, GcFixture.snapshot(repo, a, "ns/a"), "ns/a");
      Set<ObjectId> condemned = condemned(repo);
      assertThat(condemned).isNotEmpty();

      // An uploading client that learns these blobs are present will reference them.
      assertThat(((SupportsUploads) repo).missing(condemned)).isEmpty();
      assertThat(condemned(repo)).isEmpty();
      fx.clock.advance(GRACE.multipliedBy(2));
      assertThat(gc(repo, OPTIONS).blobsRemoved()).isZero();
    }
  }

  @Test
  void mostlyDeadPacksAreRepackedAndTheirLiveBlobsStayReadable() throws Exception {
    Path src = tmp.resolve("src");
    GcFixture.dataSet(src, 7, 16);
    try (Repository repo = newRepository(fx.options())) {
      Kept all = GcFixture.snapshot(repo, src, "ns/main");
      // Keep one file in three: the packs that held the others become mostly dead.
      for (int i = 0; i < 16; i++) {
        if (i % 3 != 0) {
          Files.delete(src.resolve("f" + i + ".bin"));
        }
      }
      Kept few = GcFixture.snapshot(repo, src, "ns/main");
      repo.deleteSnapshot(all.id());
      fx.clock.advance(GRACE.multipliedBy(2));
      gc(repo, OPTIONS);
      fx.clock.advance(GRACE.multipliedBy(2));
      GcReport swept = gc(repo, OPTIONS);
      assertThat(swept.packsRepacked()).isPositive();
      assertThat(swept.packsCreated()).isPositive();
      assertThat(swept.bytesReclaimed()).isPositive();
      fx.assertIntact(repo, List.of(few));
    }
  }

  @Test
  void writersRevivingBlobsRaceCollectionsWithoutGraceAndLoseNothing() throws Exception {
    Path a = tmp.resolve("a");
    GcFixture.dataSet(a, 8, 4);
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try (Repository repo = newRepository(fx.options())) {
      // Every pack is old at once, so each run condemns and drops whatever nothing references.
      fx.clock.advance(GRACE);
      GarbageCollector gc = collector(repo, ExpiryPlanner.KEEP_ALL, List.of());
      java.util.concurrent.Future<Long> collections =
          pool.submit(
              () -> {
                // How often a drop wins the race depends on timing; that the runs interleave with
                // the writer, and that nothing is lost, does not.
                long runs = 0;
                while (writing.get() || runs < 3) {
                  gc.run(GcOptions.DEFAULTS.withGrace(Duration.ZERO));
                  runs++;
                }
                return runs;
              });
      Kept last = null;
      for (int i = 0; i < 12; i++) {
        // Read every file again: each blob is a deduplication against a blob that the previous
        // round left unreferenced, so condemned, dropped, or about to be.
        Kept k =
            GcFixture.snapshot(repo, a, "ns/r" + i, dev.cairn.store.SnapshotRequest::withoutParent);
        fx.assertRestores(repo, k);
        dropRef(repo, "ns/r" + i);
        repo.deleteSnapshot(k.id());
        last = k;
      }
      writing.set(false);
      assertThat(collections.get(2, java.util.concurrent.TimeUnit.MINUTES)).isGreaterThan(2);
      Kept again = GcFixture.snapshot(repo, a, "ns/final");
      assertThat(again.manifest()).isEqualTo(last.manifest());
      fx.assertIntact(repo, List.of(again));
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.s3.S3Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every collection test against a repository in a bucket: the storage's own time (an object's
 * last-modified) decides ages there, moved on by what the test advanced.
 */
class BucketGarbageCollectorTest extends GarbageCollectorTest {
  @Override
  protected Repository newRepository(RepositoryOptions options) {
    return newBucketRepository(options);
  }

  @Override
  protected SortedMap<String, String> listing(Repository repo) {
    SortedMap<String, String> out = new TreeMap<>();
    try (S3Backend s3 = S3Backend.connect(location.location(), location.settings());
        Stream<ObjectInfo> objects = s3.list("")) {
      for (ObjectInfo o : (Iterable<ObjectInfo>) objects::iterator) {
        out.put(o.name(), o.size() + " " + GcFixture.sha256(s3.readAll(o.name())));
      }
    }
    return out;
  }

  @Test
  void anotherMachinesStaleIndexForgetsThePacksACollectionDeleted() throws Exception {
    Path a = tmp.resolve("a");
    GcFixture.dataSet(a, 9, 6);
    GcFixture.Kept gone;
    try (Repository repo = newRepository(fx.options())) {
      gone = GcFixture.snapshot(repo, a, "ns/a");
    }
    // Machine B opens the bucket once: its own index cache now lists the packs.
    RepositoryLocation.Bucket machineB =
        new RepositoryLocation.Bucket(
            location.location(),
            location.settings(),
            tmp.resolve("cache-b"),
            location.packCacheBytes(),
            location.lease());
    Repository.open(machineB, fx.options()).close();
    try (Repository repo = Repository.open(location, fx.options())) {
      dropRef(repo, "ns/a");
      repo.deleteSnapshot(gone.id());
      GarbageCollector gc = collector(repo, ExpiryPlanner.KEEP_ALL, List.of());
      fx.clock.advance(GRACE.multipliedBy(2));
      assertThat(gc.run(OPTIONS.withGrace(Duration.ZERO)).packsDeleted()).isPositive();
    }
    // B comes back with an index that still places the deleted blobs in deleted packs. Writing the
    // same data again must store it again, not deduplicate against blobs that are gone.
    try (Repository repo = Repository.open(machineB, fx.options())) {
      GcFixture.Kept again = GcFixture.snapshot(repo, a, "ns/again");
      fx.assertIntact(repo, List.of(again));
    }
  }
}

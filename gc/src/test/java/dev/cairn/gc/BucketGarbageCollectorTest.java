package dev.cairn.gc;

import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.s3.S3Backend;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

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
}

package dev.cairn.gc;

import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.testkit.S3TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository a GC test runs against: a directory here, a bucket in the {@code Bucket*}
 * subclasses, which run every test again on S3 by overriding {@link #newRepository}.
 */
abstract class GcTestBase {
  @TempDir Path tmp;
  GcFixture fx;

  /** The bucket location of the last repository made, when the test runs on S3. */
  RepositoryLocation.Bucket location;

  @BeforeEach
  void setUpFixture() {
    fx = new GcFixture(tmp);
  }

  protected Repository newRepository(RepositoryOptions options) {
    return Repository.init(tmp.resolve("repo"), options);
  }

  protected final Repository newBucketRepository(RepositoryOptions options) {
    location = S3TestServer.shared().newRepositoryLocation(tmp.resolve("cache"));
    return Repository.init(location, options);
  }

  GarbageCollector collector(
      Repository repo, ExpiryPlanner planner, java.util.List<GcRoots> roots) {
    return new GarbageCollector(repo, planner, roots, fx.gcTime(repo, location != null));
  }
}

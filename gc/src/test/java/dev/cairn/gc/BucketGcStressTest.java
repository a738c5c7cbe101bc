package dev.cairn.gc;

import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;

/** The stress test against a bucket (fewer snapshots: S3Proxy is slower than a directory). */
class BucketGcStressTest extends GcStressTest {
  @Override
  protected Repository newRepository(RepositoryOptions options) {
    return newBucketRepository(options);
  }

  @Override
  protected int snapshotsPerWriter() {
    return 5;
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.testkit.S3TestServer;

/** Every snapshot round-trip test, against a repository in a bucket. */
class BucketSnapshotRoundTripTest extends SnapshotRoundTripTest {
  @Override
  protected Repository newRepository(RepositoryOptions options) {
    return Repository.init(
        S3TestServer.shared().newRepositoryLocation(tmp.resolve("cache")), options);
  }
}

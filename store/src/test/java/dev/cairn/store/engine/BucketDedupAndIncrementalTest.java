package dev.cairn.store.engine;

import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.testkit.S3TestServer;

/** Every dedup and incremental-snapshot test, against a repository in a bucket. */
class BucketDedupAndIncrementalTest extends DedupAndIncrementalTest {
  @Override
  protected Repository newRepository(RepositoryOptions options) {
    return Repository.init(
        S3TestServer.shared().newRepositoryLocation(tmp.resolve("cache")), options);
  }
}

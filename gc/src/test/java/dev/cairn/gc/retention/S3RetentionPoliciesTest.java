package dev.cairn.gc.retention;

import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Path;

class S3RetentionPoliciesTest extends RetentionPoliciesContract {
  private RepositoryLocation.Bucket location;

  @Override
  Repository newRepository(Path tmp) {
    location = S3TestServer.shared().newRepositoryLocation(tmp.resolve("cache"));
    return Repository.init(location, TestRepos.options());
  }

  @Override
  Repository reopen(Path tmp) {
    return Repository.open(location, TestRepos.options());
  }
}

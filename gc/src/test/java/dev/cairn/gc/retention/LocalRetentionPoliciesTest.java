package dev.cairn.gc.retention;

import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Path;

class LocalRetentionPoliciesTest extends RetentionPoliciesContract {
  @Override
  Repository newRepository(Path tmp) {
    return Repository.init(tmp.resolve("repo"), TestRepos.options());
  }

  @Override
  Repository reopen(Path tmp) {
    return Repository.open(tmp.resolve("repo"), TestRepos.options());
  }
}

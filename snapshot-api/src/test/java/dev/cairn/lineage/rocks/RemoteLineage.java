package dev.cairn.lineage.rocks;

import dev.cairn.api.ApiServer;
import dev.cairn.api.ServerOptions;
import dev.cairn.api.client.ApiClient;
import dev.cairn.api.client.RemoteLineageStore;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The lineage store suites of the lineage module, run over HTTP: a real server on a free loopback
 * port (no tokens: every right) over a RocksDB store on the suite's directory and clock, and a
 * {@link RemoteLineageStore} as the store under test. These classes live in the suites' package
 * because the suites are package-private there.
 */
final class RemoteLineage implements AutoCloseable {
  private Repository repo;
  private RocksLineageStore local;
  private ApiServer server;

  /** Serves {@code directory}; a second call (the suites' reopen) restarts on the same data. */
  LineageStore open(Path directory, Clock clock) {
    close();
    Path repoDir = directory.resolveSibling("repo");
    repo =
        Files.exists(repoDir.resolve("config"))
            ? Repository.open(repoDir)
            : Repository.init(repoDir, TestRepos.options());
    local = RocksLineageStore.open(directory, clock);
    server =
        ApiServer.start(
            repo, Optional.of(local), ServerOptions.defaults().withAddress("127.0.0.1", 0), "test");
    return new RemoteLineageStore(new ApiClient(server.uri(), Optional.empty()));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      local.close();
      repo.close();
      server = null;
    }
  }
}

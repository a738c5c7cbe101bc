package dev.cairn.cli;

import dev.cairn.api.client.ApiClient;
import dev.cairn.api.client.RemoteLineageStore;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.rocks.HeapGraphOptions;
import dev.cairn.lineage.rocks.RocksLineageStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * The lineage store commands use: the server's with {@code --server} (or {@code CAIRN_SERVER}),
 * else the repository's own, which lives in its own directory inside the repository.
 */
final class LineageLocator {
  private LineageLocator() {}

  static LineageStore open() {
    Optional<ApiClient> remote = RemoteLocator.client();
    if (remote.isPresent()) {
      return new RemoteLineageStore(remote.get());
    }
    return open(RepoLocator.path());
  }

  /** Opens the lineage store of the repository at {@code repo}, every read from RocksDB. */
  static LineageStore open(java.nio.file.Path repo) {
    prepare(repo);
    return RocksLineageStore.open(repo.resolve("lineage"), Clock.systemUTC());
  }

  /**
   * Opens the lineage store of the repository at {@code repo} for {@code cairn serve}: its graph in
   * the heap, so that walks and context listings are answered from memory.
   */
  static LineageStore openForServing(java.nio.file.Path repo) {
    prepare(repo);
    return RocksLineageStore.openInHeap(
        repo.resolve("lineage"), Clock.systemUTC(), HeapGraphOptions.defaults());
  }

  /** Fails unless {@code repo} is a repository; loads the RocksDB library Cairn caches. */
  private static void prepare(java.nio.file.Path repo) {
    if (!Files.isRegularFile(repo.resolve("config"))) {
      throw new dev.cairn.store.NotFoundException(
          "No cairn repository at " + repo.toAbsolutePath() + " (run 'cairn init' to create one)");
    }
    ServeMarker.requireNotServed(repo, "open the lineage store of");
    // The lineage module loads RocksDB the plain way; load Cairn's cached copy first.
    dev.cairn.store.index.RocksIndex.loadNativeLibrary();
  }
}

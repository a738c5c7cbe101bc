package dev.cairn.api;

import dev.cairn.api.client.ApiClient;
import dev.cairn.api.client.RemoteOptions;
import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.BuiltTree;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.TreeBuilder;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A server plus clients of it: remote repositories and what a tree's upload would consist of. */
abstract class RemoteFixture extends ServerFixture {

  /** A remote repository for {@code token} with a stat cache, trusting files on disk. */
  RemoteRepository remote(String token) {
    return RemoteRepository.connect(client(token), clientOptions());
  }

  /** A remote repository for {@code token} that reads every file on every snapshot. */
  RemoteRepository remoteWithoutCache(String token) {
    return RemoteRepository.connect(client(token), clientOptions().withoutCache());
  }

  ApiClient client(String token) {
    return new ApiClient(server.uri(), Optional.ofNullable(token));
  }

  private RemoteOptions clientOptions() {
    return RemoteOptions.defaults()
        .withCacheDir(tmp.resolve("client-cache"))
        .withThreads(2)
        .withClock(TestRepos.aheadOfFiles());
  }

  /** Every blob id of {@code dir}'s tree, as the server's chunker cuts it. */
  static Set<ObjectId> blobIds(Path dir) {
    Set<ObjectId> ids = ConcurrentHashMap.newKeySet();
    try (TreeBuilder b = TreeBuilder.create(TestRepos.SMALL_CHUNKS, 2, TestRepos.aheadOfFiles())) {
      BuiltTree t =
          b.build(
              dir, (kind, id, data, off, len) -> ids.add(id), FileStatCache.NONE, Progress.NONE);
      ids.add(t.root());
    }
    return ids;
  }

  /** Waits until the server's pack count stops changing (uploads cut off may still land). */
  void awaitQuietPacks() throws Exception {
    long before = -1;
    long now = storedPacks();
    while (now != before) {
      Thread.sleep(300);
      before = now;
      now = storedPacks();
    }
  }

  /** Packs the server has stored. */
  long storedPacks() throws Exception {
    Path packs = tmp.resolve("repo/packs");
    if (!Files.isDirectory(packs)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(packs)) {
      return s.filter(p -> p.toString().endsWith(".pack")).count();
    }
  }
}

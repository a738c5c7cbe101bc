package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.RepositoryLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local cache of one bucket repository: {@code <root>/repos/<key>/} with the index, scratch
 * space for packs being written, and cached metadata packs. The key combines the URL and the
 * repository id, so a bucket repository deleted and created again never meets its old cache.
 */
record CacheDir(Path dir) {
  static CacheDir of(RepositoryLocation.Bucket bucket, String repositoryId) {
    String url = bucket.location().toString();
    String key =
        ObjectId.hash(url.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 16)
            + "-"
            + repositoryId.substring(0, Math.min(8, repositoryId.length()));
    Path dir = bucket.cacheRoot().resolve("repos").resolve(key);
    try {
      Files.createDirectories(dir.resolve("tmp"));
      Path about = dir.resolve("location");
      if (!Files.exists(about)) {
        // For people looking at their cache: which repository this directory mirrors.
        Files.writeString(about, url + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the cache directory " + dir, e);
    }
    return new CacheDir(dir);
  }

  Path index() {
    return dir.resolve("index");
  }

  Path temp() {
    return dir.resolve("tmp");
  }

  Path packs() {
    return dir.resolve("packs");
  }
}

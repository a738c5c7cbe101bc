package dev.cairn.store.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A directory entry being snapshotted, with the stat data read when it was listed. */
record SourceEntry(String name, Path path, SourceFile stat) {
  /**
   * The file cache key: the absolute path itself (hashing 20k paths costs more than storing them).
   */
  byte[] cacheKey() {
    return path.toString().getBytes(StandardCharsets.UTF_8);
  }
}

package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectId;
import dev.cairn.store.local.LocalBackend;
import dev.cairn.store.pack.PackFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackCacheTest {
  @TempDir Path tmp;

  private static byte[] content(int seed) {
    byte[] b = new byte[400];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void metadataPacksAreKeptLocallyWithinTheByteLimit() throws Exception {
    Path dir = tmp.resolve("cache");
    try (PackCache cache = new PackCache(new LocalBackend(tmp.resolve("remote")), dir, 1000)) {
      for (int i = 0; i < 3; i++) {
        String name = PackFormat.objectName(ObjectId.hash(content(i)));
        cache.put(name, content(i));
        cache.markMetadata(name);
        assertThat(cache.read(name, 10, 20)).isEqualTo(Arrays.copyOfRange(content(i), 10, 30));
      }
      assertThat(cachedBytes(dir)).isPositive().isLessThanOrEqualTo(1000);
      // The evicted first pack is fetched again on its next read.
      String first = PackFormat.objectName(ObjectId.hash(content(0)));
      assertThat(cache.readAll(first)).isEqualTo(content(0));
    }
  }

  @Test
  void theCacheDirectoryMayVanishAtAnyTime() throws Exception {
    Path dir = tmp.resolve("cache");
    try (PackCache cache = new PackCache(new LocalBackend(tmp.resolve("remote")), dir, 1 << 20)) {
      String name = PackFormat.objectName(ObjectId.hash(content(1)));
      cache.put(name, content(1));
      cache.markMetadata(name);
      assertThat(cache.readAll(name)).isEqualTo(content(1));
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      assertThat(cache.read(name, 0, 400)).isEqualTo(content(1));
      assertThat(cache.readAll(name)).isEqualTo(content(1));
    }
  }

  private static long cachedBytes(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".pack"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }
}

package dev.cairn.store.index;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library once per JVM. RocksDB's own loader extracts 15 MB to a new temp
 * file on every start (and leaks it when the process is killed); this one extracts it once into the
 * user's cache directory, keyed by the jar entry's CRC and size, and loads it from there.
 */
final class NativeLoader {
  private static final Logger log = LoggerFactory.getLogger(NativeLoader.class);

  private NativeLoader() {}

  static void load() {
    try {
      Path dir = cachedCopy();
      if (dir != null) {
        RocksDB.loadLibrary(List.of(dir.toString()));
        return;
      }
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      log.debug("Cannot use the cached RocksDB library, extracting it the default way", e);
    }
    RocksDB.loadLibrary();
  }

  /** The directory holding an extracted copy of the library, or null when it is not in a jar. */
  private static Path cachedCopy() throws IOException {
    String name = Environment.getJniLibraryFileName("rocksdb");
    URL url = RocksDB.class.getResource("/" + name);
    if (url == null) {
      return null;
    }
    URLConnection connection = url.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return null;
    }
    var entry = jar.getJarEntry();
    Path dir = cacheRoot().resolve(Long.toHexString(entry.getCrc()) + "-" + entry.getSize());
    Path lib = dir.resolve(name);
    if (Files.isRegularFile(lib) && Files.size(lib) == entry.getSize()) {
      return dir;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, name, ".tmp");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return dir;
  }

  private static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cairn").resolve("native");
  }
}

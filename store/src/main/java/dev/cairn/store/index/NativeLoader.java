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
      tellRocksDbTheLibc();
      Path dir = cachedCopy();
      if (dir != null) {
        RocksDB.loadLibrary(List.of(dir.toString()));
        return;
      }
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      log.warn(
          "Cannot load RocksDB from its cached copy ({}); extracting it the default way",
          e.toString());
      log.debug("Cannot use the cached RocksDB library, extracting it the default way", e);
    }
    RocksDB.loadLibrary();
  }

  /**
   * RocksDB's Environment finds out whether the C library is musl by running {@code ldd} in a child
   * process (~0.1 s per command) unless its cached answer is set. We already know it.
   */
  private static void tellRocksDbTheLibc() {
    try {
      java.lang.reflect.Field f = Environment.class.getDeclaredField("MUSL_LIBC");
      f.setAccessible(true);
      if (f.get(null) == null) {
        f.set(null, isMusl());
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("Cannot preset RocksDB's libc detection; it will probe with ldd", e);
    }
  }

  private static boolean isMusl() {
    return Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"));
  }

  /**
   * The jar resource of this platform's library, named here rather than by RocksDB's Environment,
   * which runs {@code ldd} in a child process (~0.1 s) to tell glibc from musl. Null elsewhere than
   * Linux x86_64, where RocksDB's own loader is used.
   */
  private static String resourceName() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return null;
    }
    return isMusl() ? "librocksdbjni-linux64-musl.so" : "librocksdbjni-linux64.so";
  }

  /** The directory holding an extracted copy of the library, or null when it is not in a jar. */
  private static Path cachedCopy() throws IOException {
    String resource = resourceName();
    if (resource == null) {
      return null;
    }
    // The file name RocksDB.loadLibrary(paths) looks for in a directory; with the libc preset,
    // Environment answers without running ldd.
    String name = Environment.getJniLibraryFileName("rocksdbjni");
    URL url = RocksDB.class.getResource("/" + resource);
    if (url == null) {
      return null;
    }
    URLConnection connection = url.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return null;
    }
    var entry = jar.getJarEntry();
    Path dir =
        cacheRoot()
            .resolve(resource + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize());
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

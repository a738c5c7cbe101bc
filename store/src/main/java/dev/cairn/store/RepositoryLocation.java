package dev.cairn.store;

import java.nio.file.Path;
import java.util.Map;

/** Where a repository lives: a local directory, or a key prefix in an S3 bucket. */
public sealed interface RepositoryLocation {

  /** A repository in a local directory. */
  record Directory(Path path) implements RepositoryLocation {
    @Override
    public String toString() {
      return path.toString();
    }
  }

  /**
   * A repository in a bucket, reached with {@code settings}. Its index and a size-bounded cache of
   * metadata packs live under {@code cacheRoot}; deleting them at any time only costs the next open
   * a rebuild from the bucket.
   *
   * @param packCacheBytes how much disk cached metadata packs may use
   * @param lease timing of the writer lease a process holds while it writes
   */
  record Bucket(
      S3Location location,
      S3Settings settings,
      Path cacheRoot,
      long packCacheBytes,
      WriterLeaseSettings lease)
      implements RepositoryLocation {
    public static final long DEFAULT_PACK_CACHE_BYTES = 512L << 20;

    public Bucket(S3Location location, S3Settings settings, Path cacheRoot, long packCacheBytes) {
      this(location, settings, cacheRoot, packCacheBytes, WriterLeaseSettings.DEFAULTS);
    }

    public Bucket withCacheRoot(Path root) {
      return new Bucket(location, settings, root, packCacheBytes, lease);
    }

    public Bucket withPackCacheBytes(long bytes) {
      return new Bucket(location, settings, cacheRoot, bytes, lease);
    }

    public Bucket withLease(WriterLeaseSettings l) {
      return new Bucket(location, settings, cacheRoot, packCacheBytes, l);
    }

    @Override
    public String toString() {
      return location.toString();
    }
  }

  /**
   * A location from a command-line argument: {@code s3://bucket/prefix} names a bucket repository
   * reached with {@code s3}, anything else a directory.
   */
  static RepositoryLocation parse(String spec, S3Settings s3, Map<String, String> env) {
    if (S3Location.isUrl(spec)) {
      return bucket(S3Location.parse(spec), s3, env);
    }
    return new Directory(Path.of(spec));
  }

  /** A bucket repository with its cache under the user's cache directory. */
  static Bucket bucket(S3Location location, S3Settings s3, Map<String, String> env) {
    return new Bucket(location, s3, userCacheRoot(env), Bucket.DEFAULT_PACK_CACHE_BYTES);
  }

  /** {@code $XDG_CACHE_HOME/cairn}, or {@code ~/.cache/cairn}. */
  static Path userCacheRoot(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cairn");
  }
}

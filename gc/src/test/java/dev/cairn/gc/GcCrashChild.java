package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.S3Credentials;
import dev.cairn.store.S3Location;
import dev.cairn.store.S3Settings;
import dev.cairn.store.WriterLeaseSettings;
import dev.cairn.store.testkit.TestRepos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one collection with no grace period in a JVM of its own, so that {@code -Dcairn.crash.at}
 * can halt it at a GC step. Arguments: the repository ({@link #args}), then the snapshot ids the
 * planner expires.
 */
public final class GcCrashChild {
  private static final String BUCKET = "bucket";

  private GcCrashChild() {}

  public static void main(String[] args) {
    boolean bucket = args[0].equals(BUCKET);
    RepositoryLocation where =
        bucket
            ? bucket(Arrays.copyOfRange(args, 1, 8))
            : new RepositoryLocation.Directory(Path.of(args[0]));
    List<ObjectId> expire = Arrays.stream(args).skip(bucket ? 8 : 1).map(ObjectId::parse).toList();
    try (Repository repo = Repository.open(where, TestRepos.options())) {
      new GarbageCollector(repo, GcCrashTest.expiring(expire), List.of())
          .run(GcOptions.DEFAULTS.withGrace(Duration.ZERO));
    }
  }

  /**
   * The arguments that name {@code where} to the child: a directory's path, or for a bucket its
   * endpoint, bucket, prefix, credentials, cache and lease ttl (the child cannot reach the parent's
   * in-process S3 server by any other name).
   */
  static List<String> args(RepositoryLocation where) {
    if (where instanceof RepositoryLocation.Directory dir) {
      return List.of(dir.path().toString());
    }
    RepositoryLocation.Bucket b = (RepositoryLocation.Bucket) where;
    S3Credentials c = b.settings().credentials().orElseThrow();
    List<String> out = new ArrayList<>();
    out.add(BUCKET);
    out.add(b.settings().effectiveEndpoint().toString());
    out.add(b.location().bucket());
    out.add(b.location().prefix());
    out.add(c.accessKey());
    out.add(c.secretKey());
    out.add(b.cacheRoot().toString());
    out.add(Long.toString(b.lease().ttl().toMillis()));
    return out;
  }

  private static RepositoryLocation.Bucket bucket(String[] a) {
    S3Settings settings =
        S3Settings.DEFAULTS
            .withEndpoint(URI.create(a[0]))
            .withCredentials(S3Credentials.of(a[3], a[4]));
    return new RepositoryLocation.Bucket(
            new S3Location(a[1], a[2]),
            settings,
            Path.of(a[5]),
            RepositoryLocation.Bucket.DEFAULT_PACK_CACHE_BYTES)
        .withLease(shortLease(Duration.ofMillis(Long.parseLong(a[6]))));
  }

  /** A lease that a crashed holder gives up soon, so the test's next open need not wait long. */
  static WriterLeaseSettings shortLease(Duration ttl) {
    return new WriterLeaseSettings(ttl, ttl.dividedBy(3), Duration.ofMillis(50));
  }
}

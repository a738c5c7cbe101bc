package dev.cairn.gc;

import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.testkit.S3TestServer;
import java.time.Duration;

/**
 * Every crash point of a collection again on a bucket (S3Proxy), the crashed JVM and the next one
 * on one machine's cache. The crashed collector's writer lease is abandoned, so its ttl is short:
 * the next open takes the lease over after it instead of after the default two minutes.
 */
class BucketGcCrashTest extends GcCrashTest {
  private RepositoryLocation.Bucket location;

  @Override
  protected RepositoryLocation location() {
    if (location == null) {
      location =
          S3TestServer.shared()
              .newRepositoryLocation(tmp.resolve("cache"))
              .withLease(GcCrashChild.shortLease(Duration.ofSeconds(4)));
    }
    return location;
  }
}

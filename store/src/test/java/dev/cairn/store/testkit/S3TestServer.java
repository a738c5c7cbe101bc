package dev.cairn.store.testkit;

import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.S3Credentials;
import dev.cairn.store.S3Location;
import dev.cairn.store.S3Settings;
import dev.cairn.store.WriterLeaseSettings;
import dev.cairn.store.s3.S3Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 server for tests: S3Proxy on the local file system, started once per JVM on a free loopback
 * port, or the real service named by {@code CAIRN_TEST_S3_ENDPOINT} (with {@code
 * CAIRN_TEST_S3_BUCKET}, optional {@code CAIRN_TEST_S3_REGION}, and the credentials in {@code
 * AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}). Every test gets its own key prefix, so tests
 * share the bucket without seeing each other's objects.
 */
public final class S3TestServer {
  public static final String BUCKET = "cairn-test";
  private static final String ACCESS = "test-access";
  private static final String SECRET = "test-secret";
  private static S3TestServer shared;

  private final S3Settings settings;
  private final String bucket;
  private final boolean external;

  private S3TestServer(S3Settings settings, String bucket, boolean external) {
    this.settings = settings;
    this.bucket = bucket;
    this.external = external;
  }

  /** The server every test in this JVM uses; its bucket exists. */
  public static synchronized S3TestServer shared() {
    if (shared == null) {
      String endpoint = System.getenv("CAIRN_TEST_S3_ENDPOINT");
      shared = endpoint == null || endpoint.isBlank() ? startS3Proxy() : external(endpoint);
      try (S3Backend b = S3Backend.connect(new S3Location(shared.bucket, ""), shared.settings)) {
        b.createBucketIfMissing();
      }
    }
    return shared;
  }

  /** Whether the tests talk to a real service rather than the in-process S3Proxy. */
  public boolean external() {
    return external;
  }

  public S3Settings settings() {
    return settings;
  }

  /** The endpoint clients connect to. */
  public URI endpoint() {
    return settings.effectiveEndpoint();
  }

  /** A fresh, empty location in the test bucket. */
  public S3Location newLocation() {
    return new S3Location(bucket, "t-" + UUID.randomUUID());
  }

  /** A fresh bucket repository location whose local cache lives under {@code cacheRoot}. */
  public RepositoryLocation.Bucket newRepositoryLocation(Path cacheRoot) {
    return new RepositoryLocation.Bucket(
        newLocation(),
        settings,
        cacheRoot,
        RepositoryLocation.Bucket.DEFAULT_PACK_CACHE_BYTES,
        WriterLeaseSettings.DEFAULTS.withSettle(Duration.ofMillis(50)));
  }

  /**
   * A fresh bucket repository location reached through {@code endpoint} (a proxy in front of this
   * server, such as a request-counting {@link FaultyProxy}), its cache under {@code cacheRoot}.
   */
  public RepositoryLocation.Bucket newRepositoryLocationVia(URI endpoint, Path cacheRoot) {
    return new RepositoryLocation.Bucket(
        newLocation(), settings.withEndpoint(endpoint), cacheRoot, 64 << 20);
  }

  /** A backend on a fresh, empty location. */
  public S3Backend newBackend() {
    return S3Backend.connect(newLocation(), settings);
  }

  private static S3TestServer external(String endpoint) {
    S3Settings s =
        S3Settings.DEFAULTS
            .withEndpoint(URI.create(endpoint))
            .withRegion(System.getenv("CAIRN_TEST_S3_REGION"))
            .withCredentials(
                S3Credentials.of(
                    System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY")));
    String bucket = System.getenv().getOrDefault("CAIRN_TEST_S3_BUCKET", BUCKET);
    return new S3TestServer(s, bucket, true);
  }

  private static S3TestServer startS3Proxy() {
    try {
      Path dir = Files.createTempDirectory("cairn-s3proxy-");
      Properties props = new Properties();
      props.setProperty("jclouds.filesystem.basedir", dir.toString());
      BlobStoreContext context =
          ContextBuilder.newBuilder("filesystem")
              .credentials("identity", "credential")
              .overrides(props)
              .build(BlobStoreContext.class);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(new CompleteObjectsOnly(context.getBlobStore()))
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
              .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.onSpinWait();
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      proxy.stop();
                    } catch (Exception ignored) {
                      // The JVM is exiting.
                    }
                    deleteTree(dir);
                  }));
      S3Settings s =
          S3Settings.DEFAULTS
              .withEndpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
              .withCredentials(S3Credentials.of(ACCESS, SECRET));
      return new S3TestServer(s, BUCKET, false);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start S3Proxy: " + e, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.cairn.store.s3;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.S3Credentials;
import dev.cairn.store.S3Settings;
import dev.cairn.store.S3Tuning;
import io.minio.MinioClient;
import io.minio.credentials.StaticProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Builds the SDK client for a set of settings. */
final class S3Clients {
  /** Region assumed for non-AWS endpoints, which saves the SDK a bucket-location request. */
  static final String DEFAULT_REGION = "us-east-1";

  private S3Clients() {}

  static MinioClient build(S3Settings settings) {
    S3Credentials credentials =
        settings
            .credentials()
            .orElseThrow(
                () ->
                    new InvalidArgumentException(
                        "Cannot connect to "
                            + settings.effectiveEndpoint()
                            + ": no S3 credentials (set AWS_ACCESS_KEY_ID and"
                            + " AWS_SECRET_ACCESS_KEY, or add them to ~/.aws/credentials)"));
    MinioClient.Builder builder =
        MinioClient.builder()
            .endpoint(settings.effectiveEndpoint().toString())
            .httpClient(httpClient(settings.tuning()), true)
            .credentialsProvider(
                new StaticProvider(
                    credentials.accessKey(),
                    credentials.secretKey(),
                    credentials.sessionToken().orElse(null)));
    settings
        .region()
        .or(() -> settings.endpoint().map(e -> DEFAULT_REGION))
        .ifPresent(builder::region);
    MinioClient client = builder.build();
    if (settings.pathStyle()) {
      client.disableVirtualStyleEndpoint();
    } else {
      client.enableVirtualStyleEndpoint();
    }
    return client;
  }

  /**
   * An HTTP client that never retries on its own (the {@link Retrier} owns the retry budget) and
   * lets enough requests run at once for parallel pack transfers.
   */
  private static OkHttpClient httpClient(S3Tuning tuning) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
        .protocols(List.of(Protocol.HTTP_1_1))
        .retryOnConnectionFailure(false)
        .connectTimeout(tuning.connectTimeout())
        .readTimeout(tuning.ioTimeout())
        .writeTimeout(tuning.ioTimeout())
        .build();
  }
}

package dev.cairn.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectBackend;
import dev.cairn.store.S3Settings;
import dev.cairn.store.S3Tuning;
import dev.cairn.store.testkit.FaultyProxy;
import dev.cairn.store.testkit.FaultyProxy.Fault;
import dev.cairn.store.testkit.ObjectBackendContract;
import dev.cairn.store.testkit.S3TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole backend contract through a proxy that fails one request in five: server errors,
 * throttling, resets before and after the server acted, and responses cut short. Retries must hide
 * every one of them.
 */
class FaultyS3BackendTest extends ObjectBackendContract {
  private static FaultyProxy proxy;

  @BeforeAll
  static void startProxy() {
    S3TestServer server = S3TestServer.shared();
    proxy =
        FaultyProxy.start(
            server.endpoint(),
            FaultyProxy.random(
                42,
                0.2,
                Fault.SERVER_ERROR,
                Fault.SLOW_DOWN,
                Fault.RESET_BEFORE_REQUEST,
                Fault.RESET_AFTER_REQUEST,
                Fault.CUT_RESPONSE),
            Duration.ZERO);
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @Override
  protected ObjectBackend newBackend() {
    S3Settings settings =
        S3TestServer.shared()
            .settings()
            .withEndpoint(proxy.endpoint())
            .withTuning(
                S3Tuning.DEFAULTS
                    .withRetries(12, Duration.ofMillis(1), Duration.ofMillis(20))
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    return S3Backend.connect(S3TestServer.shared().newLocation(), settings);
  }

  @AfterEach
  void faultsWereInjected() {
    assertThat(proxy.injected().getOrDefault(Fault.NONE, 0L)).isPositive();
  }
}

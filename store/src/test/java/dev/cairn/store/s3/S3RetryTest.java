package dev.cairn.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.S3Credentials;
import dev.cairn.store.S3Settings;
import dev.cairn.store.S3Tuning;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.testkit.FaultyProxy;
import dev.cairn.store.testkit.FaultyProxy.Fault;
import dev.cairn.store.testkit.S3TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3RetryTest {
  private static final S3Tuning FAST =
      S3Tuning.DEFAULTS
          .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5))
          .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));

  private FaultyProxy proxy;

  @BeforeEach
  void startProxy() {
    proxy =
        FaultyProxy.start(
            S3TestServer.shared().endpoint(), FaultyProxy.none(), Duration.ofSeconds(2));
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private S3Backend backend(S3Settings settings) {
    return S3Backend.connect(S3TestServer.shared().newLocation(), settings);
  }

  private S3Settings throughProxy() {
    return S3TestServer.shared().settings().withEndpoint(proxy.endpoint()).withTuning(FAST);
  }

  @Test
  void givesUpWithAClearErrorAfterTheRetryBudget() {
    try (S3Backend b = backend(throughProxy())) {
      b.stat("warm-up");
      proxy.plan(FaultyProxy.always(Fault.SLOW_DOWN));
      proxy.resetCounts();
      assertThatThrownBy(() -> b.readAll("some/object"))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("Cannot read object some/object in s3://")
          .hasMessageContaining("gave up after 4 attempts")
          .hasMessageContaining("SlowDown");
      assertThat(proxy.requests("GET")).isEqualTo(4);
    }
  }

  @Test
  void clientErrorsAreNotRetriedAndNeverShowTheSecret() {
    S3Settings wrong =
        throughProxy().withCredentials(S3Credentials.of("test-access", "not-the-secret"));
    try (S3Backend b = backend(wrong)) {
      assertThatThrownBy(() -> b.readAll("some/object"))
          .hasMessageContaining("Cannot read object some/object")
          .hasMessageContaining("403")
          .hasMessageNotContaining("not-the-secret");
      assertThat(proxy.requests("GET")).isEqualTo(1);
    }
  }

  @Test
  void aStalledResponseTimesOutAndIsRetried() {
    try (S3Backend b = backend(throughProxy())) {
      b.put("obj", "content".getBytes(UTF_8));
      AtomicLong stalled = new AtomicLong();
      proxy.plan((n, method, target) -> stalled.getAndIncrement() == 0 ? Fault.STALL : Fault.NONE);
      assertThat(b.readAll("obj")).asString(UTF_8).isEqualTo("content");
      assertThat(proxy.injected()).containsEntry(Fault.STALL, 1L);
    }
  }

  @Test
  void aPutWhoseAnswerWasLostIsStillReportedAsWritten() {
    try (S3Backend b = backend(throughProxy())) {
      b.stat("warm-up");
      AtomicLong puts = new AtomicLong();
      proxy.plan(
          (n, method, target) ->
              method.equals("PUT") && puts.getAndIncrement() == 0
                  ? Fault.RESET_AFTER_REQUEST
                  : Fault.NONE);
      assertThat(b.put("journal/1", "mine".getBytes(UTF_8))).isTrue();
      assertThat(b.put("journal/1", "theirs".getBytes(UTF_8))).isFalse();
      assertThat(b.readAll("journal/1")).asString(UTF_8).isEqualTo("mine");
    }
  }

  @Test
  void backoffGrowsToTheCapWithJitter() {
    Retrier r =
        new Retrier(
            S3Tuning.DEFAULTS.withRetries(10, Duration.ofMillis(100), Duration.ofSeconds(2)));
    List<Duration> delays = new ArrayList<>();
    for (int attempt = 1; attempt <= 8; attempt++) {
      delays.add(r.backoff(attempt));
    }
    assertThat(delays.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(delays.get(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    assertThat(delays.get(7)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void retriesSleepBetweenAttemptsAndStopAtTheBudget() {
    List<Duration> slept = new ArrayList<>();
    Retrier r =
        new Retrier(
            S3Tuning.DEFAULTS.withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(1)),
            slept::add);
    assertThatThrownBy(
            () ->
                r.call(
                    "Cannot do it",
                    () -> {
                      throw new java.net.SocketTimeoutException("timeout");
                    }))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("Cannot do it: gave up after 3 attempts: SocketTimeoutException: timeout");
    assertThat(slept).hasSize(2);
  }
}

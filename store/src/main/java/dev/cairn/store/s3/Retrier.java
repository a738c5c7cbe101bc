package dev.cairn.store.s3;

import dev.cairn.store.S3Tuning;
import dev.cairn.store.UnavailableException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs S3 requests with a retry budget: transient failures (5xx, throttling, timeouts, resets) are
 * retried after an exponentially growing, jittered delay; anything else, or the last transient
 * failure once the budget is spent, becomes a Cairn exception.
 */
final class Retrier {
  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  /** Waits between attempts; tests replace it to run without real delays. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final S3Tuning tuning;
  private final Sleeper sleeper;

  Retrier(S3Tuning tuning, Sleeper sleeper) {
    this.tuning = tuning;
    this.sleeper = sleeper;
  }

  Retrier(S3Tuning tuning) {
    this(tuning, d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Runs {@code call} until it succeeds, fails for good, or the attempts are spent.
   *
   * @param action what the call does, for messages: "Cannot read object x in s3://b/p"
   */
  <T> T call(String action, S3Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException(action + ": interrupted", e);
      } catch (Exception e) {
        if (!S3Errors.isTransient(e)) {
          throw S3Errors.translate(action, e);
        }
        if (attempt >= tuning.maxAttempts()) {
          throw new UnavailableException(
              action + ": gave up after " + attempt + " attempts: " + S3Errors.describe(e), e);
        }
        Duration delay = backoff(attempt);
        log.debug("{}: attempt {} failed ({}), retrying in {}", action, attempt, e, delay);
        sleep(action, delay);
      }
    }
  }

  /**
   * The delay after the given failed attempt: the exponential step capped at the maximum, of which
   * a random half is kept, so that many clients that failed together do not retry together.
   */
  Duration backoff(int attempt) {
    long first = Math.max(1, tuning.firstBackoff().toMillis());
    long step = first << Math.min(attempt - 1, 20);
    long capped = Math.min(step, tuning.maxBackoff().toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }

  private void sleep(String action, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException(action + ": interrupted", e);
    }
  }
}

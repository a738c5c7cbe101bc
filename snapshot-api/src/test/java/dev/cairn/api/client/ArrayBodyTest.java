package dev.cairn.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ArrayBodyTest {
  /** Collects the body, asking for {@code batch} buffers at a time from inside onNext. */
  private static class Collector implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Throwable> errors = new ArrayList<>();
    final long batch;
    Flow.Subscription subscription;
    long outstanding;
    int completions;

    Collector(long batch) {
      this.batch = batch;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      outstanding = batch;
      s.request(batch);
    }

    @Override
    public void onNext(ByteBuffer item) {
      byte[] b = new byte[item.remaining()];
      item.get(b);
      bytes.writeBytes(b);
      if (--outstanding == 0) {
        outstanding = batch;
        subscription.request(batch);
      }
    }

    @Override
    public void onError(Throwable t) {
      errors.add(t);
    }

    @Override
    public void onComplete() {
      completions++;
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void sendsExactlyTheGivenPrefixOfTheArrayWhateverTheDemand() {
    byte[] array = random(300_000);
    for (long batch : new long[] {1, 3, Long.MAX_VALUE}) {
      HttpRequest.BodyPublisher body = ArrayBody.of(array, 200_001);
      Collector c = new Collector(batch);
      body.subscribe(c);
      assertThat(body.contentLength()).isEqualTo(200_001);
      assertThat(c.bytes.toByteArray()).isEqualTo(Arrays.copyOf(array, 200_001));
      assertThat(c.completions).isEqualTo(1);
      assertThat(c.errors).isEmpty();
    }
  }

  @Test
  void anEmptyBodyIsNoBody() {
    Collector c = new Collector(1);
    HttpRequest.BodyPublisher body = ArrayBody.of(new byte[8], 0);
    body.subscribe(c);
    assertThat(body.contentLength()).isZero();
    assertThat(c.bytes.size()).isZero();
    assertThat(c.completions).isEqualTo(1);
  }

  @Test
  void eachSubscriptionStartsFromTheBeginning() {
    byte[] array = random(70_000);
    HttpRequest.BodyPublisher body = ArrayBody.of(array, array.length);
    Collector first = new Collector(Long.MAX_VALUE);
    Collector second = new Collector(2);
    body.subscribe(first);
    body.subscribe(second);
    assertThat(second.bytes.toByteArray()).isEqualTo(first.bytes.toByteArray()).isEqualTo(array);
  }

  @Test
  void aNonPositiveRequestIsAnErrorAndACancelledBodyStops() {
    Collector bad = new Collector(0);
    ArrayBody.of(random(10), 10).subscribe(bad);
    assertThat(bad.errors).singleElement().isInstanceOf(IllegalArgumentException.class);

    Collector cancelled =
        new Collector(1) {
          @Override
          public void onNext(ByteBuffer item) {
            super.onNext(item);
            subscription.cancel();
          }
        };
    ArrayBody.of(random(200_000), 200_000).subscribe(cancelled);
    assertThat(cancelled.bytes.size()).isEqualTo(1 << 16);
    assertThat(cancelled.completions).isZero();
  }

  @Test
  void aLengthBeyondTheArrayIsRefused() {
    assertThatThrownBy(() -> ArrayBody.of(new byte[4], 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid body length 5 for an array of 4 bytes");
  }
}

package dev.cairn.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The restore's read-ahead: planned reads wait and are served, anything else is the reader's. */
class ReadAheadCacheTest {
  private static ObjectId id(int i) {
    return ObjectId.hash(new byte[] {(byte) i});
  }

  private static Optional<StoredBlob> blob(int i, int size) {
    return Optional.of(new StoredBlob(id(i), new byte[size], size, false));
  }

  private static CompletableFuture<StoredBlob> takeLater(ReadAheadCache cache, ObjectId id) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return cache.take(id);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aPlannedBlobIsWaitedForAndServedAsOftenAsPlanned() throws Exception {
    ReadAheadCache cache = new ReadAheadCache(1000, 60_000, 2);
    assertThat(cache.expect(id(1))).isTrue();
    assertThat(cache.expect(id(1))).isFalse();
    CompletableFuture<StoredBlob> reader = takeLater(cache, id(1));
    cache.arrive(id(1), blob(1, 10));
    assertThat(reader.get(10, TimeUnit.SECONDS).id()).isEqualTo(id(1));
    assertThat(cache.take(id(1))).isNotNull();
    assertThat(cache.take(id(1))).as("read as often as planned").isNull();
    assertThat(cache.take(id(2))).as("never planned").isNull();
  }

  @Test
  void aBlobTheServerLacksIsNotFoundForItsReader() throws Exception {
    ReadAheadCache cache = new ReadAheadCache(1000, 60_000, 2);
    cache.expect(id(3));
    cache.arrive(id(3), Optional.empty());
    assertThatThrownBy(() -> cache.take(id(3))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aReadStalledBehindAFullCacheIsGivenUpAndTheOldestBlobsMakeRoom() throws Exception {
    ReadAheadCache cache = new ReadAheadCache(100, 50, 2);
    for (int i = 1; i <= 3; i++) {
      cache.expect(id(i));
    }
    cache.arrive(id(1), blob(1, 60));
    CompletableFuture<Void> stream =
        CompletableFuture.runAsync(
            () -> {
              try {
                cache.arrive(id(2), blob(2, 60));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    // Nobody reads blob 1; the reader of blob 3 waits behind it, gives up and fetches alone.
    assertThat(cache.take(id(3))).isNull();
    stream.get(10, TimeUnit.SECONDS);
    assertThat(cache.take(id(1))).as("dropped to make room").isNull();
    assertThat(cache.take(id(2))).isNotNull();
  }

  @Test
  void abandoningReleasesWaitingReadersToFetchAlone() throws Exception {
    ReadAheadCache cache = new ReadAheadCache(1000, 60_000, 2);
    cache.expect(id(4));
    CompletableFuture<StoredBlob> reader = takeLater(cache, id(4));
    cache.abandon();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(cache.expect(id(5))).isFalse();
  }

  @Test
  void theFirstReaderOfALargeFilesRunClaimsItAndOthersWaitForIt() throws Exception {
    ReadAheadCache cache = new ReadAheadCache(10, 60_000, 2);
    cache.expectRun(java.util.List.of(id(1), id(2), id(3)));
    assertThat(cache.claimRun(id(1))).containsExactly(id(1), id(2));
    assertThat(cache.claimRun(id(2))).as("claimed already").isEmpty();
    CompletableFuture<StoredBlob> other = takeLater(cache, id(2));
    // Claimed blobs get in beyond the bound: their reader reads them at once.
    cache.arriveClaimed(id(1), blob(1, 60));
    cache.arriveClaimed(id(2), blob(2, 60));
    assertThat(cache.take(id(1)).id()).isEqualTo(id(1));
    assertThat(other.get(10, TimeUnit.SECONDS).id()).isEqualTo(id(2));
    assertThat(cache.claimRun(id(3))).containsExactly(id(3));
  }
}

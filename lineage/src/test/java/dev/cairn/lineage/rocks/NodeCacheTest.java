package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.mlmd.Artifact;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A reader's load joins the cache only if no write began since the reader read the version, so a
 * value read before a write never lands after it.
 */
class NodeCacheTest {
  private final NodeCache cache = new NodeCache(1 << 20);
  private final AtomicLong version = new AtomicLong();
  private final Artifact old = Artifact.newBuilder().setId(7).setUri("old").build();
  private final Artifact updated = Artifact.newBuilder().setId(7).setUri("new").build();

  @Test
  void aLoadWithNoWriteSinceIsCached() {
    cache.offer(Cf.ARTIFACTS, 7, old, version.get(), version::get);
    assertThat(cache.get(Cf.ARTIFACTS, 7)).isEqualTo(old);
  }

  @Test
  void aLoadReadBeforeAWriteIsDroppedEvenAfterTheWriteFinished() {
    long read = version.get();
    version.incrementAndGet();
    cache.put(Cf.ARTIFACTS, 7, updated);
    version.incrementAndGet();
    cache.offer(Cf.ARTIFACTS, 7, old, read, version::get);
    assertThat(cache.get(Cf.ARTIFACTS, 7)).isEqualTo(updated);
  }

  @Test
  void aLoadReadBeforeADeleteStaysOut() {
    long read = version.get();
    version.incrementAndGet();
    cache.invalidate(Cf.ARTIFACTS, 7);
    version.incrementAndGet();
    cache.offer(Cf.ARTIFACTS, 7, old, read, version::get);
    assertThat(cache.get(Cf.ARTIFACTS, 7)).isNull();
  }

  @Test
  void aLoadReadWhileAWriteIsUnderWayIsNotCached() {
    long read = version.incrementAndGet();
    cache.offer(Cf.ARTIFACTS, 7, old, read, version::get);
    assertThat(cache.get(Cf.ARTIFACTS, 7)).isNull();
  }

  @Test
  void nodesOfEachKindAreCachedApart() {
    cache.put(Cf.ARTIFACTS, 7, old);
    assertThat(cache.get(Cf.EXECUTIONS, 7)).isNull();
    assertThat(cache.get(Cf.CONTEXTS, 7)).isNull();
  }
}

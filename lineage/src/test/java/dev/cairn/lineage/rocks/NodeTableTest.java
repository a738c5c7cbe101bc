package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.mlmd.Artifact;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A reader's load joins the table only if no write began since the reader read the version, so a
 * value read before a write never lands after it; past its bound the table drops nodes, the ones
 * not read since the clock hand last passed first.
 */
class NodeTableTest {
  private final NodeTable cache = new NodeTable(1 << 20);
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

  @Test
  void staysWithinItsBoundAndDropsWhatWasNotReadSince() {
    int weight = NodeTable.weight(artifact(1));
    NodeTable small = new NodeTable(4L * weight);
    for (long id = 1; id <= 4; id++) {
      small.put(Cf.ARTIFACTS, id, artifact(id));
    }
    small.put(Cf.ARTIFACTS, 5, artifact(5));
    assertThat(small.stats().bytes()).isLessThanOrEqualTo(4L * weight);
    assertThat(small.stats().entries()).isEqualTo(4);
    // Evicting has begun, so reads mark: node 3 read now survives the next round where 4 does not.
    assertThat(small.get(Cf.ARTIFACTS, 1)).isNull();
    assertThat(small.get(Cf.ARTIFACTS, 3)).isEqualTo(artifact(3));
    small.put(Cf.ARTIFACTS, 6, artifact(6));
    small.put(Cf.ARTIFACTS, 7, artifact(7));
    assertThat(small.get(Cf.ARTIFACTS, 3)).isEqualTo(artifact(3));
    for (long id = 1; id <= 7; id++) {
      Object held = small.get(Cf.ARTIFACTS, id);
      assertThat(held).isIn(null, artifact(id));
    }
    assertThat(small.stats().entries()).isEqualTo(4);
  }

  @Test
  void aNodeLargerThanTheBoundIsNotHeld() {
    NodeTable none = new NodeTable(0);
    none.put(Cf.ARTIFACTS, 1, artifact(1));
    assertThat(none.get(Cf.ARTIFACTS, 1)).isNull();
    assertThat(none.stats().bytes()).isZero();
  }

  private static Artifact artifact(long id) {
    return Artifact.newBuilder().setId(id).setUri("u" + id).build();
  }
}

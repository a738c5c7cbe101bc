package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.ForwardingBackend;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.local.LocalBackend;
import dev.cairn.store.pack.PackFormat;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackReadAheadTest {
  @TempDir Path tmp;

  @Test
  void manySmallReadsOfAPackCostOneRangedReadPerWindow() {
    byte[] pack = new byte[10_000];
    new Random(3).nextBytes(pack);
    String name = PackFormat.objectName(ObjectId.hash(pack));
    try (CountingBackend counted = new CountingBackend(new LocalBackend(tmp))) {
      counted.put(name, pack);
      PackReadAhead ahead = new PackReadAhead(counted, 4096, 1 << 20);
      for (int off = 0; off + 100 <= pack.length; off += 100) {
        assertThat(ahead.read(name, off, 100)).isEqualTo(Arrays.copyOfRange(pack, off, off + 100));
      }
      // Three windows (the last one short; reads that straddle two take from both), and one stat
      // for the pack's size.
      assertThat(counted.reads.get()).isEqualTo(3);
      assertThat(counted.stats.get()).isEqualTo(1);
      assertThatThrownBy(() -> ahead.read(name, 9_990, 20))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("past its end");
    }
  }

  @Test
  void largeReadsAndOtherObjectsPassThrough() {
    try (CountingBackend counted = new CountingBackend(new LocalBackend(tmp))) {
      counted.put("snapshots/x", new byte[5000]);
      PackReadAhead ahead = new PackReadAhead(counted, 4096, 1 << 20);
      ahead.read("snapshots/x", 0, 10);
      ahead.read("snapshots/x", 0, 3000);
      assertThat(counted.reads.get()).isEqualTo(2);
      assertThat(counted.stats.get()).isZero();
    }
  }

  /** Counts ranged reads and stats on their way to a real backend. */
  private static final class CountingBackend extends ForwardingBackend {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger stats = new AtomicInteger();

    CountingBackend(ObjectBackend delegate) {
      super(delegate);
    }

    @Override
    public byte[] read(String name, long offset, int length) {
      reads.incrementAndGet();
      return super.read(name, offset, length);
    }

    @Override
    public void readInto(String name, long offset, ByteBuffer dst) {
      reads.incrementAndGet();
      super.readInto(name, offset, dst);
    }

    @Override
    public Optional<ObjectInfo> stat(String name) {
      stats.incrementAndGet();
      return super.stat(name);
    }
  }
}

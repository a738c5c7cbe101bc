package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.stream.Stream;
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
  private static final class CountingBackend implements ObjectBackend {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger stats = new AtomicInteger();
    private final ObjectBackend delegate;

    CountingBackend(ObjectBackend delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean put(String name, byte[] bytes) {
      return delegate.put(name, bytes);
    }

    @Override
    public boolean putFile(String name, Path file) {
      return delegate.putFile(name, file);
    }

    @Override
    public byte[] read(String name, long offset, int length) {
      reads.incrementAndGet();
      return delegate.read(name, offset, length);
    }

    @Override
    public void readInto(String name, long offset, ByteBuffer dst) {
      reads.incrementAndGet();
      delegate.readInto(name, offset, dst);
    }

    @Override
    public byte[] readAll(String name) {
      return delegate.readAll(name);
    }

    @Override
    public Optional<ObjectInfo> stat(String name) {
      stats.incrementAndGet();
      return delegate.stat(name);
    }

    @Override
    public boolean delete(String name) {
      return delegate.delete(name);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
      return delegate.list(prefix);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}

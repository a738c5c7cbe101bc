package dev.cairn.store.engine;

import dev.cairn.store.GcStorage;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writes in flight in this process (local snapshots, upload commits), stamped from one counter
 * that condemnations share. A writer that started before a blob was condemned may have counted on
 * the blob without reviving it; garbage collection asks a {@link Watch} whether any such writer was
 * live after its mark began before it deletes a condemned blob. Thread safe.
 */
final class WriterSessions {
  private final AtomicLong counter = new AtomicLong();
  private final ConcurrentSkipListSet<Long> live = new ConcurrentSkipListSet<>();
  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  /** A write in progress; closing it ends it. */
  interface Session extends AutoCloseable {
    @Override
    void close();
  }

  Session open() {
    long start = counter.incrementAndGet();
    live.add(start);
    for (Watch w : watches) {
      w.sawStart(start);
    }
    return () -> live.remove(start);
  }

  /** A fresh stamp, later than every session opened so far. */
  long stamp() {
    return counter.incrementAndGet();
  }

  /** Starts watching: remembers the sessions live now and notes every session opened from now. */
  Watch watch() {
    Watch w = new Watch();
    watches.add(w);
    long first = live.isEmpty() ? Long.MAX_VALUE : live.first();
    w.sawStart(first);
    return w;
  }

  /** Sessions live when the watch began or opened since; closing it stops the watching. */
  final class Watch implements GcStorage.SessionWatch {
    private final AtomicLong earliest = new AtomicLong(Long.MAX_VALUE);

    private void sawStart(long start) {
      earliest.accumulateAndGet(start, Math::min);
    }

    @Override
    public boolean allStartedAfter(long stamp) {
      return earliest.get() > stamp;
    }

    @Override
    public void close() {
      watches.remove(this);
    }
  }
}

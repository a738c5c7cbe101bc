package dev.cairn.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples heap every few milliseconds on a daemon thread: the highest heap used seen (an upper
 * bound: it includes garbage not yet collected), and the highest heap left in use after a
 * collection (the live set the work needed).
 */
final class HeapPeak implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
          .toList();
  private volatile long peakLive;
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peak;

  private HeapPeak() {
    System.gc();
    peak = used();
    sampler =
        new Thread(
            () -> {
              while (running) {
                peak = Math.max(peak, used());
                peakLive = Math.max(peakLive, afterLastCollection());
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-peak");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling after a full collection, so the baseline is live data only. */
  static HeapPeak start() {
    return new HeapPeak();
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  private long afterLastCollection() {
    long sum = 0;
    for (MemoryPoolMXBean p : heapPools) {
      MemoryUsage u = p.getCollectionUsage();
      sum += u == null ? 0 : u.getUsed();
    }
    return sum;
  }

  /** The highest heap in use right after a garbage collection, in bytes. */
  long peakLive() {
    return Math.max(peakLive, afterLastCollection());
  }

  /** The highest used heap seen so far, in bytes. */
  long peak() {
    return Math.max(peak, used());
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}

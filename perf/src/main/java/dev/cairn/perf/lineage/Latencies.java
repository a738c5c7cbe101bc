package dev.cairn.perf.lineage;

import java.util.Arrays;

/** Latency samples of one query on one store, in nanoseconds. */
final class Latencies {
  private long[] nanos = new long[1024];
  private int count;

  void add(long sample) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = sample;
  }

  /** The {@code p}-th percentile (0 to 100) in milliseconds, nearest rank. */
  double percentileMillis(double p) {
    if (count == 0) {
      throw new IllegalStateException("Cannot take a percentile of no samples");
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * count);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  int count() {
    return count;
  }
}

package dev.cairn.perf.lineage;

/** Counts steps and prints the count and rate to stderr at most every ten seconds. */
final class Progress {
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private final String label;
  private final long total;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint = start;

  Progress(String label, long total) {
    this.label = label;
    this.total = total;
  }

  void step() {
    done++;
    long now = System.nanoTime();
    if (now - lastPrint >= INTERVAL_NANOS) {
      lastPrint = now;
      System.err.printf(
          "  %s: %,d of %,d steps, %,.0f steps/s%n",
          label, done, total, done / ((now - start) / 1e9));
    }
  }
}

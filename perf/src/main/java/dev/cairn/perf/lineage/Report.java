package dev.cairn.perf.lineage;

import dev.cairn.lineage.rocks.HeapGraphStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Prints the benchmark's numbers as one markdown table, RocksDB and SQLite side by side. */
final class Report {
  private static final double TARGET_P99_MILLIS = 10;
  private static final double TARGET_RATIO = 10;

  private final LineageBench.Options options;
  private final PipelineGraph.Totals totals;
  private final LoadRecord load;
  private final boolean reused;

  Report(
      LineageBench.Options options, PipelineGraph.Totals totals, LoadRecord load, boolean reused) {
    this.options = options;
    this.totals = totals;
    this.load = load;
    this.reused = reused;
  }

  void print(double rocksOpenSecs, long rocksBytes, long sqliteBytes, QuerySampler.Results r) {
    double rocksSecs = load.rocksSecs();
    double sqliteSecs = load.sqliteSecs();
    System.out.println();
    System.out.printf(
        "| %,d nodes, %,d runs, %,d steps | RocksLineageStore | SQLite, MLMD tables |"
            + " SQLite / Rocks |%n",
        totals.nodes(), totals.runs(), totals.steps());
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(
        "| load s (all of it) | %.1f | %.1f | %.2f |%n",
        rocksSecs, sqliteSecs, sqliteSecs / rocksSecs);
    System.out.printf(
        "| load steps/s, Rocks: synced writes (last %,d steps), SQLite: one transaction"
            + " | %,.0f | %,.0f | |%n",
        load.syncedSteps(), load.syncedSteps() / load.syncedSecs(), totals.steps() / sqliteSecs);
    if (load.bulkSteps() > 0) {
      System.out.printf(
          "| load steps/s, Rocks: bulk load (first %,d steps, unsynced, one flush and sync at the end)"
              + " | %,.0f | | |%n",
          load.bulkSteps(), load.bulkSteps() / load.bulkSecs());
    }
    System.out.printf(
        "| load nodes/s, all of it | %,.0f | %,.0f | |%n",
        totals.nodes() / rocksSecs, totals.nodes() / sqliteSecs);
    System.out.printf(
        "| open s (%s) | %.1f | | |%n",
        options.rocksOnly()
            ? "the first open after the load replays its log"
            : "reads the edges into the heap and fills the node cache",
        rocksOpenSecs);
    System.out.printf(
        "| on disk MiB | %.0f | %.0f | |%n", rocksBytes / 1048576.0, sqliteBytes / 1048576.0);
    row("by run context p50 ms", r.rocksByContext(), r.sqliteByContext(), 50);
    row("by run context p99 ms", r.rocksByContext(), r.sqliteByContext(), 99);
    String walk = options.hops() + "-hop upstream";
    row(walk + " p50 ms", r.rocksUpstream(), r.sqliteUpstream(), 50);
    row(walk + " p99 ms", r.rocksUpstream(), r.sqliteUpstream(), 99);
    System.out.println();
    System.out.printf(
        "Rocks load: %,d write calls from one writer, putExecution and putParentContexts per"
            + " step as cairn step run makes them; each putExecution is one WriteBatch, a"
            + " putParentContexts whose link exists writes nothing. %s The last %,d steps were"
            + " written as a live store writes them, each batch synced: the synced rate above."
            + " SQLite load: one transaction of batched inserts, indexes in place.%s%n",
        load.writeCalls(),
        load.bulkSteps() > 0
            ? String.format(
                "The first %,d steps went into the store opened for a bulk load (openForBulkLoad:"
                    + " batches not synced one by one; its close flushes and syncs them), timed up"
                    + " to that close.",
                load.bulkSteps())
            : "No bulk load (--synced-load).",
        load.syncedSteps(),
        reused ? " Load numbers are from the earlier run that loaded these stores." : "");
    System.out.printf(
        "Queries: on both stores closed after the load and opened again; %,d samples each after"
            + " %,d warm-up, random runs (seed %d); answers agreed on every sample. Mean answer:"
            + " %.1f nodes by context, %.1f nodes upstream.%n",
        r.rocksUpstream().count(),
        options.warmup(),
        options.seed(),
        r.meanContextNodes(),
        r.meanUpstreamNodes());
    System.out.printf(
        "Load average at the end (1, 5, 15 min): %s on %d cores; on a busy machine, rerun.%n",
        loadAverage(), Runtime.getRuntime().availableProcessors());
    double p99 = r.rocksUpstream().percentileMillis(99);
    double ratio = r.sqliteUpstream().percentileMillis(99) / p99;
    System.out.printf(
        "Targets for the %s query: p99 under %.0f ms: %s (%.3f ms); at least %.0fx SQLite at"
            + " p99: %s (%.1fx)%n",
        walk,
        TARGET_P99_MILLIS,
        p99 < TARGET_P99_MILLIS ? "met" : "MISSED",
        p99,
        TARGET_RATIO,
        ratio >= TARGET_RATIO ? "met" : "MISSED",
        ratio);
  }

  /** The in-heap graph's footprint and how its node cache fared over the samples. */
  record Heap(Optional<HeapFootprint> footprint, Optional<HeapGraphStats> stats) {
    void print() {
      if (footprint.isEmpty() || stats.isEmpty()) {
        System.out.println("Heap graph: none (--rocks-only): every read went to RocksDB.");
        return;
      }
      HeapFootprint f = footprint.get();
      HeapGraphStats s = stats.get();
      System.out.printf(
          "Heap graph: %,d nodes, %,d events, %,d memberships; edge index %.1f MiB live heap"
              + " (%.0f bytes per edge, opened in %.1f s); with the node cache %.1f MiB"
              + " (cache bound %,d MiB, holding %,d nodes, estimated %.1f MiB); node cache hit"
              + " rate over warm-up and samples %.4f (%,d hits, %,d misses); max heap %,d MiB.%n",
          s.nodes(),
          s.events(),
          s.memberships(),
          f.indexBytes() / 1048576.0,
          (double) f.indexBytes() / Math.max(1, f.edges()),
          f.indexOpenSecs(),
          f.totalBytes() / 1048576.0,
          s.cacheMaxBytes() >> 20,
          s.cachedNodes(),
          s.cacheBytes() / 1048576.0,
          s.cacheHitRate(),
          s.cacheHits(),
          s.cacheMisses(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void row(String label, Latencies rocks, Latencies sqlite, double p) {
    double a = rocks.percentileMillis(p);
    double b = sqlite.percentileMillis(p);
    System.out.printf("| %s | %.4f | %.4f | %.1fx |%n", label, a, b, b / a);
  }
}

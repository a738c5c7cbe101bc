package dev.cairn.perf.lineage;

import dev.cairn.lineage.rocks.HeapGraphOptions;
import dev.cairn.lineage.rocks.HeapGraphStats;
import dev.cairn.lineage.rocks.RocksLineageStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The heap the in-heap lineage graph takes, measured as the growth of the live heap (after a full
 * GC) across opening the store: once with no node cache, which is the edge index alone, and once
 * with the cache the benchmark queries with.
 *
 * @param indexBytes the edge index (and namespaces) alone
 * @param totalBytes index plus the filled node cache
 * @param indexOpenSecs how long opening took with the index alone
 * @param edges events plus memberships in the index
 * @param nodes nodes in the index
 */
record HeapFootprint(
    long indexBytes, long totalBytes, double indexOpenSecs, long edges, long nodes) {
  static HeapFootprint measure(Path rocksDir, LineageBench.Options o) {
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    long index;
    double openSecs;
    HeapGraphStats stats;
    try (RocksLineageStore store =
        RocksLineageStore.openInHeap(rocksDir, Clock.systemUTC(), new HeapGraphOptions(0))) {
      openSecs = (System.nanoTime() - t0) / 1e9;
      index = usedAfterGc() - before;
      stats = store.heapGraphStats().orElseThrow();
    }
    long total;
    try (RocksLineageStore store =
        RocksLineageStore.openInHeap(rocksDir, Clock.systemUTC(), o.heapGraph())) {
      total = usedAfterGc() - before;
    }
    return new HeapFootprint(
        index, total, openSecs, stats.events() + stats.memberships(), stats.nodes());
  }

  static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}

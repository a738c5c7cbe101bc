package dev.cairn.lineage.rocks;

/**
 * What a store's in-heap graph holds and how its node cache fared since open.
 *
 * @param nodes artifacts, executions and contexts in the index
 * @param events events (each held once, listed under both ends)
 * @param memberships attributions plus associations (each listed under both ends)
 * @param cacheHits node reads answered by the cache
 * @param cacheMisses node reads that went to RocksDB
 * @param cachedNodes nodes in the cache
 * @param cacheBytes the cache's estimated heap
 * @param cacheMaxBytes its bound
 */
public record HeapGraphStats(
    long nodes,
    long events,
    long memberships,
    long cacheHits,
    long cacheMisses,
    long cachedNodes,
    long cacheBytes,
    long cacheMaxBytes) {
  /** The share of node reads the cache answered; 0 before any. */
  public double cacheHitRate() {
    long total = cacheHits + cacheMisses;
    return total == 0 ? 0 : (double) cacheHits / total;
  }
}

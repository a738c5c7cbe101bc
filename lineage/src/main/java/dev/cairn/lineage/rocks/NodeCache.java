package dev.cairn.lineage.rocks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.google.protobuf.Message;
import java.util.function.LongSupplier;

/**
 * Decoded artifacts, executions and contexts by id, bounded by an estimate of the heap they take.
 * Node ids are unique across namespaces (one counter per kind), so the key is the kind and the id;
 * the namespace check is the caller's. The writer puts and invalidates what each batch changed;
 * readers add what they loaded only if no write began since they read it (see {@link #offer}).
 */
final class NodeCache {
  /**
   * A decoded node's heap beyond five times its encoded size: object headers, the map entries of
   * its properties, the strings it decodes to and the cache's own entry. Measured as live heap on
   * the benchmark's artifacts and executions (about 160 encoded bytes each): some 950 bytes each.
   */
  private static final int FIXED_OVERHEAD = 160;

  private static final int SIZE_FACTOR = 5;

  private final Cache<Long, Message> cache;
  private final long maxBytes;

  NodeCache(long maxBytes) {
    this.maxBytes = maxBytes;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Long key, Message node) -> weight(node))
            .recordStats()
            .build();
  }

  /** The heap a decoded node is estimated to take. */
  static int weight(Message node) {
    return FIXED_OVERHEAD + SIZE_FACTOR * node.getSerializedSize();
  }

  long maxBytes() {
    return maxBytes;
  }

  /** The cached node, or null. */
  Message get(Cf cf, long id) {
    return cache.getIfPresent(key(cf, id));
  }

  /** Caches a node the writer just committed, replacing what was cached. */
  void put(Cf cf, long id, Message node) {
    cache.put(key(cf, id), node);
  }

  void invalidate(Cf cf, long id) {
    cache.invalidate(key(cf, id));
  }

  void clear() {
    cache.invalidateAll();
  }

  /**
   * Caches a node a reader loaded from RocksDB, unless a write began after {@code versionRead} (the
   * write version seen before the read; odd while a write is under way): that write may have
   * changed the node after the read, and its own put or invalidation may already be done. The check
   * runs inside the entry's atomic compute, which the writer's put or invalidation of the same key
   * cannot interleave with.
   */
  void offer(Cf cf, long id, Message node, long versionRead, LongSupplier version) {
    if ((versionRead & 1) != 0) {
      return;
    }
    cache
        .asMap()
        .compute(key(cf, id), (k, cached) -> version.getAsLong() == versionRead ? node : cached);
  }

  /** Hits, misses and the estimated bytes held. */
  record Stats(long hits, long misses, long entries, long bytes, long maxBytes) {
    double hitRate() {
      long total = hits + misses;
      return total == 0 ? 0 : (double) hits / total;
    }
  }

  Stats stats() {
    CacheStats s = cache.stats();
    long bytes = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new Stats(s.hitCount(), s.missCount(), cache.estimatedSize(), bytes, maxBytes);
  }

  private static Long key(Cf cf, long id) {
    int kind =
        switch (cf) {
          case ARTIFACTS -> 0;
          case EXECUTIONS -> 1;
          case CONTEXTS -> 2;
          default -> throw new IllegalArgumentException("Cannot cache nodes of " + cf);
        };
    return ((long) kind << 56) | id;
  }
}

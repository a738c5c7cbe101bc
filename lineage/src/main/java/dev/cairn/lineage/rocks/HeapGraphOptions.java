package dev.cairn.lineage.rocks;

/**
 * How a long-running {@link RocksLineageStore} keeps the lineage graph in the heap: the edges
 * (events and context memberships, about a hundred bytes per edge, always complete) and up to
 * {@code nodeCacheBytes} of decoded nodes, filled at open and kept current by every write.
 *
 * @param nodeCacheBytes the estimated heap the node cache may take; 0 caches no node
 */
public record HeapGraphOptions(long nodeCacheBytes) {
  public HeapGraphOptions {
    if (nodeCacheBytes < 0) {
      throw new IllegalArgumentException(
          "Cannot size the lineage node cache: " + nodeCacheBytes + " bytes is negative");
    }
  }

  /** A node cache of a quarter of the JVM's maximum heap. */
  public static HeapGraphOptions defaults() {
    return new HeapGraphOptions(Runtime.getRuntime().maxMemory() / 4);
  }
}

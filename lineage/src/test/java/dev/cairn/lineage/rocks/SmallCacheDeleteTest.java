package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@link DeleteTest} against a store with its graph in the heap and a node cache too small to hold
 * more than a few nodes, so that most node reads miss, load from RocksDB and evict.
 */
class SmallCacheDeleteTest extends DeleteTest {
  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openInHeap(directory, clock, new HeapGraphOptions(2048));
  }
}

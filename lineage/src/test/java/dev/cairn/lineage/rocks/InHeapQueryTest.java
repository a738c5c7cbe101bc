package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import java.nio.file.Path;
import java.time.Clock;

/** {@link QueryTest} against a store with its graph in the heap. */
class InHeapQueryTest extends QueryTest {
  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openInHeap(directory, clock, HeapGraphOptions.defaults());
  }
}

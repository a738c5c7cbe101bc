package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import java.nio.file.Path;
import java.time.Clock;

/** {@link GeneratedDagWalkTest} against a store with its graph in the heap. */
class InHeapGeneratedDagWalkTest extends GeneratedDagWalkTest {
  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openInHeap(directory, clock, HeapGraphOptions.defaults());
  }
}

package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import java.nio.file.Path;
import java.time.Clock;

/** {@link PutExecutionTest} against a store with its graph in the heap. */
class InHeapPutExecutionTest extends PutExecutionTest {
  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openInHeap(directory, clock, HeapGraphOptions.defaults());
  }
}

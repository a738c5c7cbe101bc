package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Writers recording, updating and deleting steps while readers walk and list: every read sees whole
 * writes (a step's three events or none), and afterwards the heap, whose small node cache readers
 * kept refilling while writers changed the same nodes, holds exactly what RocksDB does.
 */
class HeapGraphConcurrencyTest extends StoreFixture {
  private static final int WRITERS = 3;
  private static final int READERS = 2;
  private static final int STEPS = 60;
  private static final int SOURCES = 6;

  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openInHeap(directory, clock, new HeapGraphOptions(8192));
  }

  @Test
  void readersSeeWholeWritesAndTheHeapEndsAsRocks() throws Exception {
    store.putExecution(NS, step("setup"), sources(), List.of(run("run1")));
    long run = store.findContextByTypeAndName(NS, "Run", "run1").orElseThrow().getId();
    List<Long> sourceIds =
        store.getArtifactsByContext(NS, run).stream().map(Artifact::getId).toList();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < WRITERS; t++) {
      int thread = t;
      writers.add(pool.submit(() -> write(thread, sourceIds)));
    }
    List<Future<Integer>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(pool.submit(() -> read(run, sourceIds, writing)));
    }
    for (Future<?> f : writers) {
      f.get();
    }
    writing.set(false);
    int reads = 0;
    for (Future<Integer> f : readers) {
      reads += f.get();
    }
    pool.shutdown();

    assertThat(reads).isPositive();
    RocksLineageStore rocks = ((RocksLineageStore) store).rocksOnlyReader();
    assertThat(store.getArtifactsByIds(NS, sourceIds))
        .isEqualTo(rocks.getArtifactsByIds(NS, sourceIds));
    List<String> answers = HeapGraphConsistencyTest.answers(store);
    assertThat(answers).isEqualTo(HeapGraphConsistencyTest.answers(rocks));
    reopen();
    assertThat(HeapGraphConsistencyTest.answers(store)).isEqualTo(answers);
  }

  private Void write(int thread, List<Long> sourceIds) {
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      String name = "w" + thread + "-" + i;
      Artifact out = snapshot(name).toBuilder().setExternalId(name).build();
      List<ArtifactAndEvent> pairs = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        Artifact source = sourceArtifact((thread + i + s) % SOURCES);
        pairs.add(
            ArtifactAndEvent.of(source, Event.newBuilder().setType(Event.Type.INPUT).build()));
      }
      pairs.add(ArtifactAndEvent.of(out, Event.newBuilder().setType(Event.Type.OUTPUT).build()));
      mine.add(store.putExecution(NS, step(name), pairs, List.of(run("run1"))).executionId());
      // Change a source that readers keep loading into the cache.
      Artifact source = store.getArtifactsByIds(NS, List.of(sourceIds.get(i % SOURCES))).get(0);
      store.putArtifacts(
          NS,
          List.of(source.toBuilder().putCustomProperties("touched_by", stringValue(name)).build()));
      if (i % 5 == 4) {
        store.deleteExecution(NS, mine.remove(0), DeleteMode.CASCADE);
      }
    }
    return null;
  }

  private int read(long run, List<Long> sourceIds, AtomicBoolean writing) {
    LineageWalker walker = new LineageWalker(store, NS);
    int reads = 0;
    while (writing.get()) {
      for (Execution x : store.getExecutionsByContext(NS, run)) {
        int events = store.getEventsByExecutionIds(NS, List.of(x.getId())).size();
        // The setup step has its sources; every other step two inputs and an output, or none
        // once deleted.
        assertThat(events).isIn(0, 3, SOURCES);
      }
      assertThat(store.getArtifactsByIds(NS, sourceIds)).hasSize(SOURCES);
      walker.walk(sourceIds, List.of(), LineageWalker.Direction.DOWNSTREAM, 4);
      reads++;
    }
    return reads;
  }

  private List<ArtifactAndEvent> sources() {
    List<ArtifactAndEvent> out = new ArrayList<>();
    for (int s = 0; s < SOURCES; s++) {
      out.add(
          ArtifactAndEvent.of(
              sourceArtifact(s), Event.newBuilder().setType(Event.Type.OUTPUT).build()));
    }
    return out;
  }

  private Artifact sourceArtifact(int s) {
    return snapshot("source-" + s).toBuilder().setExternalId("source-" + s).build();
  }
}

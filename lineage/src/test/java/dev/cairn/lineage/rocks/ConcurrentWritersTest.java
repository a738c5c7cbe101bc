package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many writers recording steps into one run at once, as parallel pipeline steps do. */
class ConcurrentWritersTest extends StoreFixture {
  private static final int THREADS = 8;
  private static final int STEPS_PER_THREAD = 40;

  @Test
  void parallelStepsIntoOneRunLoseNothingAndDuplicateNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < STEPS_PER_THREAD; i++) {
                  // Every step reads the shared source and writes its own output; every thread
                  // records each of its steps twice, as a retry after a lost reply would.
                  for (int attempt = 0; attempt < 2; attempt++) {
                    recordStep("t" + thread + "-s" + i);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    int steps = THREADS * STEPS_PER_THREAD;
    long run = store.findContextByTypeAndName(NS, "Run", "run1").orElseThrow().getId();
    assertThat(store.getContextsByType(NS, "Run")).hasSize(1);
    List<Execution> executions = store.getExecutionsByContext(NS, run);
    assertThat(executions).hasSize(steps);
    assertThat(store.getExecutionsByType(NS, "Step")).hasSize(steps);
    // One shared source plus one output per step, each exactly once.
    assertThat(store.getArtifactsByType(NS, "Dataset")).hasSize(steps + 1);
    assertThat(store.getArtifactsByContext(NS, run)).hasSize(steps + 1);
    Artifact source = store.getArtifactsByUri(NS, "cairn:snapshot/source").get(0);
    assertThat(store.getEventsByArtifactIds(NS, List.of(source.getId()))).hasSize(steps);
    assertThat(
            store.getEventsByExecutionIds(NS, executions.stream().map(Execution::getId).toList()))
        .hasSize(2 * steps);
  }

  private void recordStep(String name) {
    store.putExecution(
        NS,
        step("run1/" + name),
        List.of(
            ArtifactAndEvent.of(
                snapshot("source").toBuilder().setExternalId("source").build(),
                Event.newBuilder().setType(Event.Type.INPUT).build()),
            ArtifactAndEvent.of(
                snapshot("out-" + name).toBuilder().setExternalId("out-" + name).build(),
                Event.newBuilder().setType(Event.Type.OUTPUT).build())),
        List.of(run("run1")));
  }
}

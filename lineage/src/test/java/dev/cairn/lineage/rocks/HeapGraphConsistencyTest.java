package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ExecutionType;
import dev.cairn.lineage.mlmd.PropertyType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-heap graph answers exactly what RocksDB holds after every kind of write: steps with
 * events, single events, memberships, node updates, type upserts, soft, hard and cascading deletes,
 * and writes that fail half way; compared live after each write with a reader of the same database
 * that bypasses the heap, and again after reopening.
 */
class HeapGraphConsistencyTest extends StoreFixture {
  private static final String OTHER_NS = "team-b";
  private static final Set<Event.Type> INPUTS = EnumSet.of(Event.Type.INPUT, Event.Type.UNKNOWN);
  private static final Set<Event.Type> OUTPUTS =
      EnumSet.of(Event.Type.OUTPUT, Event.Type.DECLARED_OUTPUT);

  private long cacheBytes;

  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openInHeap(directory, clock, new HeapGraphOptions(cacheBytes));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 4096, 64 << 20})
  void heapMatchesRocksAfterEveryWrite(long bytes) {
    cacheBytes = bytes;
    reopen();
    long otherDataset = store.putArtifactType(OTHER_NS, datasetType(), TypeUpsert.exact());
    long otherStep =
        store.putExecutionType(
            OTHER_NS, ExecutionType.newBuilder().setName("Step").build(), TypeUpsert.exact());
    long otherRun =
        store.putContextType(
            OTHER_NS, ContextType.newBuilder().setName("Run").build(), TypeUpsert.exact());
    SplittableRandom rnd = new SplittableRandom(bytes + 7);
    for (int op = 0; op < 120; op++) {
      boolean other = rnd.nextInt(4) == 0;
      String ns = other ? OTHER_NS : NS;
      long dataset = other ? otherDataset : datasetType;
      long step = other ? otherStep : stepType;
      long run = other ? otherRun : runType;
      try {
        write(rnd, ns, dataset, step, run);
      } catch (LineageException e) {
        // A write the rules refuse (an event that exists, a hard delete with dependents): it
        // must leave the heap as untouched as RocksDB.
      }
      assertSameAnswers(op);
      if (op % 40 == 39) {
        List<String> before = answers(store);
        reopen();
        assertThat(answers(store)).isEqualTo(before);
      }
    }
  }

  private void write(SplittableRandom rnd, String ns, long dataset, long step, long run) {
    List<Long> artifacts = ids(store.getArtifactsByType(ns, "Dataset"), Artifact::getId);
    List<Long> executions = ids(store.getExecutionsByType(ns, "Step"), Execution::getId);
    List<Long> contexts = ids(store.getContextsByType(ns, "Run"), Context::getId);
    switch (rnd.nextInt(10)) {
      case 0, 1, 2 -> {
        List<ArtifactAndEvent> pairs = new ArrayList<>();
        for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
          String uri = "cairn:snapshot/s" + rnd.nextInt(30);
          Artifact a =
              Artifact.newBuilder().setTypeId(dataset).setUri(uri).setExternalId(uri).build();
          Event.Type type = i == 0 ? Event.Type.OUTPUT : Event.Type.INPUT;
          pairs.add(ArtifactAndEvent.of(a, Event.newBuilder().setType(type).build()));
        }
        Execution x =
            Execution.newBuilder()
                .setTypeId(step)
                .setExternalId("x" + rnd.nextInt(40))
                .setLastKnownState(Execution.State.COMPLETE)
                .build();
        Context c = Context.newBuilder().setTypeId(run).setName("run" + rnd.nextInt(5)).build();
        store.putExecution(ns, x, pairs, List.of(c));
      }
      case 3 -> {
        if (!artifacts.isEmpty() && !executions.isEmpty()) {
          Event.Type type =
              List.of(Event.Type.DECLARED_OUTPUT, Event.Type.UNKNOWN, Event.Type.INPUT)
                  .get(rnd.nextInt(3));
          store.putEvents(
              ns,
              List.of(
                  Event.newBuilder()
                      .setArtifactId(pick(rnd, artifacts))
                      .setExecutionId(pick(rnd, executions))
                      .setType(type)
                      .setPath(
                          Event.Path.newBuilder()
                              .addSteps(Event.Path.Step.newBuilder().setIndex(rnd.nextInt(3))))
                      .build()));
        }
      }
      case 4 -> {
        if (!contexts.isEmpty() && !artifacts.isEmpty() && !executions.isEmpty()) {
          long context = pick(rnd, contexts);
          store.putAttributionsAndAssociations(
              ns,
              List.of(
                  Attribution.newBuilder()
                      .setArtifactId(pick(rnd, artifacts))
                      .setContextId(context)
                      .build()),
              List.of(
                  Association.newBuilder()
                      .setExecutionId(pick(rnd, executions))
                      .setContextId(context)
                      .build()));
        }
      }
      case 5 -> {
        if (!artifacts.isEmpty()) {
          Artifact a = store.getArtifactsByIds(ns, List.of(pick(rnd, artifacts))).get(0);
          store.putArtifacts(
              ns,
              List.of(
                  a.toBuilder().putCustomProperties("seen", intValue(rnd.nextInt(100))).build()));
        }
        if (!executions.isEmpty()) {
          Execution x = store.getExecutionsByIds(ns, List.of(pick(rnd, executions))).get(0);
          store.putExecutions(
              ns, List.of(x.toBuilder().setLastKnownState(Execution.State.FAILED).build()));
        }
      }
      case 6 -> {
        if (!artifacts.isEmpty()) {
          store.deleteArtifact(ns, pick(rnd, artifacts), DeleteMode.SOFT);
        }
      }
      case 7 -> {
        if (!artifacts.isEmpty()) {
          DeleteMode mode = rnd.nextBoolean() ? DeleteMode.HARD : DeleteMode.CASCADE;
          store.deleteArtifact(ns, pick(rnd, artifacts), mode);
        }
      }
      case 8 -> {
        if (!executions.isEmpty() && rnd.nextBoolean()) {
          store.deleteExecution(ns, pick(rnd, executions), DeleteMode.CASCADE);
        } else if (!contexts.isEmpty()) {
          store.deleteContext(ns, pick(rnd, contexts), DeleteMode.CASCADE);
        }
      }
      default -> {
        store.putArtifactType(
            ns,
            ArtifactType.newBuilder(datasetType())
                .putProperties("p" + rnd.nextInt(4), PropertyType.STRING)
                .build(),
            TypeUpsert.evolve());
        // A step whose type does not exist fails after its artifacts were staged.
        store.putExecution(
            ns,
            Execution.newBuilder().setTypeId(999_999).build(),
            List.of(
                ArtifactAndEvent.of(
                    Artifact.newBuilder().setTypeId(dataset).setUri("cairn:snapshot/never").build(),
                    Event.newBuilder().setType(Event.Type.INPUT).build())),
            List.of());
      }
    }
  }

  private void assertSameAnswers(int op) {
    RocksLineageStore rocks = ((RocksLineageStore) store).rocksOnlyReader();
    assertThat(answers(store)).as("after write %d", op).isEqualTo(answers(rocks));
  }

  /** Every node's answers to the reads the heap serves, in both namespaces. */
  static List<String> answers(LineageStore s) {
    List<String> out = new ArrayList<>();
    List<Long> all = LongStream.rangeClosed(1, 120).boxed().toList();
    for (String ns : List.of(NS, OTHER_NS)) {
      out.add(s.getArtifactsByIds(ns, all).toString());
      out.add(s.getExecutionsByIds(ns, all).toString());
      out.add(s.getContextsByIds(ns, all).toString());
      out.add(s.getEventsByArtifactIds(ns, all).toString());
      out.add(s.getEventsByExecutionIds(ns, all, INPUTS).toString());
      out.add(s.getEventsByArtifactIds(ns, all, OUTPUTS).toString());
      LineageWalker walker = new LineageWalker(s, ns);
      for (long id = 1; id <= 60; id++) {
        List<Long> one = List.of(id);
        out.add(s.getArtifactsByIds(ns, one).toString());
        out.add(s.getEventsByExecutionIds(ns, one).toString());
        out.add(s.getArtifactsByContext(ns, id).toString());
        out.add(s.getExecutionsByContext(ns, id).toString());
        out.add(s.getContextsByArtifact(ns, id).toString());
        out.add(s.getContextsByExecution(ns, id).toString());
        out.add(walker.walk(one, List.of(), LineageWalker.Direction.BOTH, 4).toString());
      }
    }
    return out;
  }

  private static long pick(SplittableRandom rnd, List<Long> ids) {
    return ids.get(rnd.nextInt(ids.size()));
  }

  private static <T> List<Long> ids(List<T> nodes, java.util.function.Function<T, Long> id) {
    return nodes.stream().map(id).toList();
  }
}

package dev.cairn.lineage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.Value;
import dev.cairn.lineage.rocks.RocksLineageStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs and provenance read back from steps recorded the way {@code cairn step run} records them.
 */
class PipelineQueriesTest {
  private static final String NS = "team-a";

  @TempDir Path dir;
  private LineageStore store;

  @BeforeEach
  void open() {
    store = RocksLineageStore.open(dir, Clock.systemUTC());
    record("r1", "prep", 0, Map.of("raw", "s-raw"), Map.of("clean", "s-clean"));
    record("r1", "train", 7, Map.of("clean", "s-clean"), Map.of("model", "s-model"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRunListsItsStepsInOrderWithTheirSnapshotsAndCommand() {
    assertThat(new RunQueries(store, NS).runs())
        .singleElement()
        .satisfies(r -> assertThat(r.run()).isEqualTo("r1"))
        .satisfies(r -> assertThat(r.steps()).isEqualTo(2));
    List<StepRecord> steps = new RunQueries(store, NS).steps("r1");
    assertThat(steps).extracting(StepRecord::step).containsExactly("prep", "train");
    StepRecord train = steps.get(1);
    assertThat(train.state()).isEqualTo(Execution.State.FAILED);
    assertThat(train.exitCode()).isEqualTo(7);
    assertThat(train.inputs()).containsExactly(Map.entry("clean", "s-clean"));
    assertThat(train.outputs()).containsExactly(Map.entry("model", "s-model"));
    assertThat(train.argv()).containsExactly("sh", "-c", "echo 'a b'");
    assertThat(train.workingDir()).isEqualTo("/work");
    assertThat(new RunQueries(store, NS).producer("s-model")).contains(train);
    assertThat(new RunQueries(store, NS).producer("s-raw")).isEmpty();
  }

  @Test
  void anUnknownRunIsNotFound() {
    assertThatThrownBy(() -> new RunQueries(store, NS).steps("nope"))
        .isInstanceOf(LineageException.NotFound.class)
        .hasMessageContaining("nope");
    assertThat(new RunQueries(store, "team-b").runs()).isEmpty();
  }

  @Test
  void provenanceWalksBackToTheSources() {
    List<Provenance.Link> chain = new Provenance(store, NS).of("s-model", 20);
    assertThat(chain)
        .extracting(Provenance.Link::depth, Provenance.Link::snapshot, Provenance.Link::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "s-model", "train"),
            org.assertj.core.groups.Tuple.tuple(1, "s-clean", "prep"),
            org.assertj.core.groups.Tuple.tuple(2, "s-raw", ""));
    assertThat(chain.get(0).run()).isEqualTo("r1");
    assertThat(new Provenance(store, NS).of("s-model", 0)).hasSize(1);
  }

  /** Records a step with the types, properties and contexts {@code cairn step run} uses. */
  private void record(
      String run, String step, int exit, Map<String, String> in, Map<String, String> out) {
    PipelineTypes types = PipelineTypes.register(store, NS);
    Execution execution =
        Execution.newBuilder()
            .setTypeId(types.step())
            .setName(run + "/" + step)
            .setExternalId(run + "/" + step)
            .setLastKnownState(exit == 0 ? Execution.State.COMPLETE : Execution.State.FAILED)
            .putCustomProperties(StepProperties.STEP, string(step))
            .putCustomProperties(
                StepProperties.EXIT_CODE, Value.newBuilder().setIntValue(exit).build())
            .putCustomProperties(
                StepProperties.ARGV, StepProperties.argv(List.of("sh", "-c", "echo 'a b'")))
            .putCustomProperties(StepProperties.WORKING_DIR, string("/work"))
            .build();
    List<ArtifactAndEvent> artifacts = new ArrayList<>();
    in.forEach((port, id) -> artifacts.add(pair(types, id, Event.Type.INPUT, port)));
    out.forEach((port, id) -> artifacts.add(pair(types, id, Event.Type.OUTPUT, port)));
    Context context =
        Context.newBuilder()
            .setTypeId(types.run())
            .setName(run)
            .setExternalId("run:" + run)
            .build();
    store.putExecution(NS, execution, artifacts, List.of(context));
  }

  private static ArtifactAndEvent pair(
      PipelineTypes types, String id, Event.Type type, String port) {
    String uri = LineageStore.SNAPSHOT_URI_PREFIX + id;
    return ArtifactAndEvent.of(
        Artifact.newBuilder().setTypeId(types.snapshot()).setUri(uri).setExternalId(uri).build(),
        Event.newBuilder()
            .setType(type)
            .setPath(Event.Path.newBuilder().addSteps(Event.Path.Step.newBuilder().setKey(port)))
            .build());
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}

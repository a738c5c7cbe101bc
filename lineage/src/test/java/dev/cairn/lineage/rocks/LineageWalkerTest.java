package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.LineageWalker.Direction;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** raw -> prep -> clean -> train -> model, and an unrelated step: walks in every direction. */
class LineageWalkerTest extends StoreFixture {
  private PutExecutionResult prep;
  private PutExecutionResult train;
  private LineageWalker walker;

  private PutExecutionResult step(String name, String in, String out) {
    return store.putExecution(
        NS,
        step(name),
        List.of(
            ArtifactAndEvent.of(
                snapshot(in).toBuilder().setExternalId(in).build(),
                Event.newBuilder().setType(Event.Type.INPUT).build()),
            ArtifactAndEvent.of(
                snapshot(out).toBuilder().setExternalId(out).build(),
                Event.newBuilder().setType(Event.Type.OUTPUT).build())),
        List.of(run("r1")));
  }

  @BeforeEach
  void chain() {
    prep = step("prep", "raw", "clean");
    train = step("train", "clean", "model");
    step("other", "elsewhere", "unrelated");
    walker = new LineageWalker(store, NS);
  }

  private static List<String> uris(Subgraph g) {
    return g.artifacts().stream()
        .map(Artifact::getUri)
        .map(u -> u.substring(u.lastIndexOf('/') + 1))
        .toList();
  }

  @Test
  void upstreamFromTheModelReachesTheRawDataAndNothingElse() {
    long model = train.artifactIds().get(1);
    Subgraph g = walker.walk(List.of(model), List.of(), Direction.UPSTREAM, 10);
    assertThat(uris(g)).containsExactly("model", "clean", "raw");
    assertThat(g.executions())
        .extracting(Execution::getExternalId)
        .containsExactly("train", "prep");
    assertThat(g.events()).hasSize(4);
  }

  @Test
  void theHopLimitStopsTheWalk() {
    long model = train.artifactIds().get(1);
    assertThat(uris(walker.walk(List.of(model), List.of(), Direction.UPSTREAM, 2)))
        .containsExactly("model", "clean");
    assertThat(uris(walker.walk(List.of(model), List.of(), Direction.UPSTREAM, 0)))
        .containsExactly("model");
    assertThatThrownBy(() -> walker.walk(List.of(model), List.of(), Direction.UPSTREAM, 101))
        .isInstanceOf(LineageException.InvalidArgument.class);
  }

  @Test
  void downstreamAndBothDirections() {
    long raw = prep.artifactIds().get(0);
    assertThat(uris(walker.walk(List.of(raw), List.of(), Direction.DOWNSTREAM, 10)))
        .containsExactly("raw", "clean", "model");
    assertThat(uris(walker.walk(List.of(raw), List.of(), Direction.UPSTREAM, 10)))
        .containsExactly("raw");
    Subgraph both = walker.walk(List.of(), List.of(train.executionId()), Direction.BOTH, 10);
    assertThat(uris(both)).containsExactlyInAnyOrder("clean", "model", "raw");
    assertThat(both.executions())
        .extracting(Execution::getExternalId)
        .containsExactlyInAnyOrder("train", "prep");
  }
}

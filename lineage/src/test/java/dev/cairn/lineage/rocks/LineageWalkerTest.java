package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.LineageWalker.Direction;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphRequest;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
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

  @Test
  void aRequestStartsWhereItsFilterSaysAndStopsAtItsEndingFilters() {
    SubgraphRequest fromModel =
        SubgraphRequest.of(List.of(), List.of(), Direction.UPSTREAM, 10)
            .withStartFilters("uri = 'cairn:snapshot/model'", null);
    assertThat(uris(walker.walk(fromModel))).containsExactly("model", "clean", "raw");

    SubgraphRequest stopAtPrep = fromModel.withEnding(null, "external_id = 'prep'", false);
    Subgraph g = walker.walk(stopAtPrep);
    assertThat(uris(g)).containsExactly("model", "clean");
    assertThat(g.executions()).extracting(Execution::getExternalId).containsExactly("train");
    assertThat(g.events()).hasSize(2);

    Subgraph included = walker.walk(stopAtPrep.withEnding(null, "external_id = 'prep'", true));
    assertThat(included.executions())
        .extracting(Execution::getExternalId)
        .containsExactly("train", "prep");
    assertThat(uris(included)).containsExactly("model", "clean");

    // An execution filter starts from executions; both kinds of start combine.
    SubgraphRequest fromPrep =
        SubgraphRequest.of(List.of(), List.of(), Direction.DOWNSTREAM, 1)
            .withStartFilters("uri = 'cairn:snapshot/elsewhere'", "external_id = 'prep'");
    assertThat(uris(walker.walk(fromPrep))).containsExactlyInAnyOrder("elsewhere", "clean");
  }

  @Test
  void aRequestThatStartsFromTooManyNodesOrHasABadFilterIsRefused() {
    List<Artifact> many = new ArrayList<>();
    for (int i = 0; i <= SubgraphRequest.MAX_START_NODES; i++) {
      many.add(snapshot("bulk-" + i));
    }
    store.putArtifacts(NS, many);
    SubgraphRequest everything =
        SubgraphRequest.of(List.of(), List.of(), Direction.BOTH, 1)
            .withStartFilters("uri LIKE 'cairn:snapshot/bulk-%'", null);
    assertThatThrownBy(() -> walker.walk(everything))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("selects more than 1000 artifacts");
    SubgraphRequest bad =
        SubgraphRequest.of(List.of(1L), List.of(), Direction.BOTH, 1)
            .withEnding("no_such_field = 1", null, false);
    assertThatThrownBy(() -> walker.walk(bad))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("no_such_field");
    assertThatThrownBy(() -> SubgraphRequest.of(List.of(), List.of(), Direction.BOTH, 101))
        .isInstanceOf(LineageException.InvalidArgument.class);
  }
}

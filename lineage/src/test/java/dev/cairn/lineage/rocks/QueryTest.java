package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One small graph in NS, and an identically built one in team-b. */
class QueryTest extends StoreFixture {
  static final String OTHER = "team-b";

  long input;
  long output;
  long exec;
  long runCtx;
  long pipelineCtx;

  @BeforeEach
  void buildGraph() {
    List<Long> a =
        store.putArtifacts(
            NS,
            List.of(
                snapshot("in").toBuilder().setName("raw").setExternalId("ext-in").build(),
                snapshot("out").toBuilder().setName("clean").build()));
    input = a.get(0);
    output = a.get(1);
    exec =
        store
            .putExecutions(NS, List.of(step("run1/clean").toBuilder().setName("clean").build()))
            .get(0);
    List<Long> c =
        store.putContexts(
            NS, List.of(run("run1"), run("pipeline").toBuilder().setExternalId("p").build()));
    runCtx = c.get(0);
    pipelineCtx = c.get(1);
    store.putEvents(
        NS,
        List.of(
            Event.newBuilder()
                .setArtifactId(input)
                .setExecutionId(exec)
                .setType(Event.Type.INPUT)
                .build(),
            Event.newBuilder()
                .setArtifactId(output)
                .setExecutionId(exec)
                .setType(Event.Type.OUTPUT)
                .build()));
    store.putAttributionsAndAssociations(
        NS,
        List.of(
            Attribution.newBuilder().setArtifactId(input).setContextId(runCtx).build(),
            Attribution.newBuilder().setArtifactId(output).setContextId(runCtx).build()),
        List.of(Association.newBuilder().setExecutionId(exec).setContextId(runCtx).build()));
    store.putParentContexts(
        NS,
        List.of(ParentContext.newBuilder().setChildId(runCtx).setParentId(pipelineCtx).build()));

    // The same names, uris and external ids in another namespace must not leak into NS.
    long otherType = store.putArtifactType(OTHER, datasetType(), TypeUpsert.exact());
    store.putArtifacts(
        OTHER,
        List.of(
            Artifact.newBuilder()
                .setTypeId(otherType)
                .setUri("cairn:snapshot/in")
                .setName("raw")
                .setExternalId("ext-in")
                .build()));
  }

  @Test
  void byIdsSkipsMissingAndForeignIds() {
    assertThat(store.getArtifactsByIds(NS, List.of(output, input, 999L)))
        .extracting(Artifact::getId)
        .containsExactly(input, output);
    assertThat(store.getArtifactsByIds(OTHER, List.of(input, output))).isEmpty();
    assertThat(store.getExecutionsByIds(OTHER, List.of(exec))).isEmpty();
    assertThat(store.getContextsByIds(NS, List.of(runCtx)))
        .extracting(Context::getName)
        .containsExactly("run1");
  }

  @Test
  void byType() {
    assertThat(store.getArtifactsByType(NS, "Dataset"))
        .extracting(Artifact::getId)
        .containsExactly(input, output);
    assertThat(store.getArtifactsByType(OTHER, "Dataset")).hasSize(1);
    assertThat(store.getExecutionsByType(NS, "Step"))
        .extracting(Execution::getId)
        .containsExactly(exec);
    assertThat(store.getContextsByType(NS, "Run")).hasSize(2);
    assertThat(store.getArtifactsByType(NS, "NoSuchType")).isEmpty();
  }

  @Test
  void byTypeAndName() {
    assertThat(store.findArtifactByTypeAndName(NS, "Dataset", "clean"))
        .get()
        .extracting(Artifact::getId)
        .isEqualTo(output);
    assertThat(store.findExecutionByTypeAndName(NS, "Step", "clean"))
        .get()
        .extracting(Execution::getId)
        .isEqualTo(exec);
    assertThat(store.findContextByTypeAndName(NS, "Run", "run1"))
        .get()
        .extracting(Context::getId)
        .isEqualTo(runCtx);
    assertThat(store.findContextByTypeAndName(OTHER, "Run", "run1")).isEmpty();
    assertThat(store.findArtifactByTypeAndName(OTHER, "Dataset", "raw"))
        .get()
        .extracting(Artifact::getId)
        .isNotEqualTo(input);
  }

  @Test
  void byUri() {
    assertThat(store.getArtifactsByUri(NS, "cairn:snapshot/in"))
        .extracting(Artifact::getId)
        .containsExactly(input);
    assertThat(store.getArtifactsByUri(NS, "cairn:snapshot/i")).isEmpty();
    assertThat(store.getArtifactsByUri(OTHER, "cairn:snapshot/in"))
        .singleElement()
        .extracting(Artifact::getId)
        .isNotEqualTo(input);
  }

  @Test
  void byExternalIds() {
    assertThat(store.getArtifactsByExternalIds(NS, List.of("ext-in", "nope")))
        .extracting(Artifact::getId)
        .containsExactly(input);
    assertThat(store.getExecutionsByExternalIds(NS, List.of("run1/clean")))
        .extracting(Execution::getId)
        .containsExactly(exec);
    assertThat(store.getContextsByExternalIds(NS, List.of("p")))
        .extracting(Context::getId)
        .containsExactly(pipelineCtx);
    assertThat(store.getExecutionsByExternalIds(OTHER, List.of("run1/clean"))).isEmpty();
  }

  @Test
  void byContextAndContextsOfNodes() {
    assertThat(store.getArtifactsByContext(NS, runCtx))
        .extracting(Artifact::getId)
        .containsExactly(input, output);
    assertThat(store.getExecutionsByContext(NS, runCtx))
        .extracting(Execution::getId)
        .containsExactly(exec);
    assertThat(store.getContextsByArtifact(NS, output))
        .extracting(Context::getId)
        .containsExactly(runCtx);
    assertThat(store.getContextsByExecution(NS, exec))
        .extracting(Context::getId)
        .containsExactly(runCtx);
    assertThat(store.getArtifactsByContext(OTHER, runCtx)).isEmpty();
    assertThat(store.getContextsByExecution(OTHER, exec)).isEmpty();
  }

  @Test
  void parentAndChildContexts() {
    assertThat(store.getParentContexts(NS, runCtx))
        .extracting(Context::getId)
        .containsExactly(pipelineCtx);
    assertThat(store.getChildContexts(NS, pipelineCtx))
        .extracting(Context::getId)
        .containsExactly(runCtx);
    assertThat(store.getParentContexts(OTHER, runCtx)).isEmpty();
    assertThatThrownBy(
            () ->
                store.putParentContexts(
                    NS,
                    List.of(
                        ParentContext.newBuilder()
                            .setChildId(pipelineCtx)
                            .setParentId(runCtx)
                            .build())))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void eventsByArtifactAndExecution() {
    assertThat(store.getEventsByArtifactIds(NS, List.of(input)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getExecutionId()).isEqualTo(exec);
              assertThat(e.getType()).isEqualTo(Event.Type.INPUT);
              assertThat(e.getMillisecondsSinceEpoch()).isGreaterThanOrEqualTo(T0);
            });
    assertThat(store.getEventsByExecutionIds(NS, List.of(exec)))
        .extracting(Event::getArtifactId)
        .containsExactlyInAnyOrder(input, output);
    assertThat(store.getEventsByExecutionIds(OTHER, List.of(exec))).isEmpty();
  }

  @Test
  void eventsOfChosenTypesOnly() {
    Set<Event.Type> outputs = EnumSet.of(Event.Type.OUTPUT, Event.Type.DECLARED_OUTPUT);
    assertThat(store.getEventsByArtifactIds(NS, List.of(input), outputs)).isEmpty();
    assertThat(store.getEventsByArtifactIds(NS, List.of(input, output), outputs))
        .extracting(Event::getArtifactId)
        .containsExactly(output);
    assertThat(store.getEventsByExecutionIds(NS, List.of(exec), EnumSet.of(Event.Type.INPUT)))
        .extracting(Event::getArtifactId, Event::getType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(input, Event.Type.INPUT));
  }

  @Test
  void eventsAreUniqueAndNeedBothEnds() {
    Event again =
        Event.newBuilder()
            .setArtifactId(input)
            .setExecutionId(exec)
            .setType(Event.Type.INPUT)
            .build();
    assertThatThrownBy(() -> store.putEvents(NS, List.of(again)))
        .isInstanceOf(LineageException.AlreadyExists.class);
    assertThatThrownBy(() -> store.putEvents(OTHER, List.of(again)))
        .isInstanceOf(LineageException.NotFound.class)
        .hasMessageContaining("artifact " + input);
  }

  @Test
  void linksAreIdempotentAndSurviveReopen() {
    store.putAttributionsAndAssociations(
        NS,
        List.of(Attribution.newBuilder().setArtifactId(input).setContextId(runCtx).build()),
        List.of());
    reopen();
    assertThat(store.getArtifactsByContext(NS, runCtx)).hasSize(2);
    assertThat(store.getContextsByType(NS, "Run")).hasSize(2);
    long next = store.putArtifacts(NS, List.of(snapshot("later"))).get(0);
    assertThat(next).isGreaterThan(output);
  }
}

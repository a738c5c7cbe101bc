package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ParentContext;
import dev.cairn.lineage.mlmd.PropertyType;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters through the store on a small graph built the same way in two namespaces. */
class ListFilterTest extends StoreFixture {
  static final String OTHER = "team-b";

  long input;
  long output;
  long exec;
  long run1;
  long pipeline;
  long otherArtifact;

  @BeforeEach
  void graph() {
    input =
        store.putArtifacts(NS, List.of(snapshot("in").toBuilder().setName("raw").build())).get(0);
    output = store.putArtifacts(NS, List.of(snapshot("out"))).get(0);
    exec = store.putExecutions(NS, List.of(step("run1/clean"))).get(0);
    run1 = store.putContexts(NS, List.of(run("run1"))).get(0);
    pipeline = store.putContexts(NS, List.of(run("pipeline"))).get(0);
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
        List.of(Attribution.newBuilder().setArtifactId(output).setContextId(run1).build()),
        List.of());
    store.putParentContexts(
        NS, List.of(ParentContext.newBuilder().setChildId(run1).setParentId(pipeline).build()));

    // OTHER has a context of the same type and name, holding an artifact of its own.
    long otherDataset = store.putArtifactType(OTHER, datasetType(), TypeUpsert.exact());
    long otherRun =
        store.putContextType(
            OTHER,
            dev.cairn.lineage.mlmd.ContextType.newBuilder().setName("Run").build(),
            TypeUpsert.exact());
    otherArtifact =
        store
            .putArtifacts(
                OTHER,
                List.of(Artifact.newBuilder().setTypeId(otherDataset).setName("raw").build()))
            .get(0);
    long otherRun1 =
        store
            .putContexts(
                OTHER, List.of(Context.newBuilder().setTypeId(otherRun).setName("run1").build()))
            .get(0);
    store.putAttributionsAndAssociations(
        OTHER,
        List.of(
            Attribution.newBuilder().setArtifactId(otherArtifact).setContextId(otherRun1).build()),
        List.of());
  }

  private List<Long> artifacts(String ns, String filter) {
    return store.listArtifacts(ns, ListOptions.defaults().withFilter(filter)).items().stream()
        .map(Artifact::getId)
        .toList();
  }

  @Test
  void filtersNeverSeeAnotherNamespace() {
    assertThat(artifacts(NS, "name = 'raw'")).containsExactly(input);
    assertThat(artifacts(OTHER, "name = 'raw'")).containsExactly(otherArtifact);
    assertThat(artifacts(NS, "contexts_a.name = 'run1'")).containsExactly(output);
    assertThat(artifacts(NS, "contexts_a.name = 'run1' AND contexts_a.type = 'Run'"))
        .containsExactly(output);
    assertThat(artifacts(OTHER, "contexts_a.name = 'run1'")).containsExactly(otherArtifact);
    assertThat(artifacts(NS, "id = " + otherArtifact)).isEmpty();
    assertThat(artifacts(NS, "contexts_a.name LIKE 'run%'")).containsExactly(output);
    assertThat(artifacts("team-c", "contexts_a.name = 'run1'")).isEmpty();
  }

  @Test
  void aPredicateReadsNeighboursOnlyInItsNamespace() {
    Artifact foreign = store.getArtifactsByIds(OTHER, List.of(otherArtifact)).get(0);
    Predicate<Artifact> inRun1 = store.artifactFilter(NS, "contexts_a.name = 'run1'");
    assertThat(inRun1.test(foreign)).isFalse();
    assertThat(store.artifactFilter(OTHER, "contexts_a.name = 'run1'").test(foreign)).isTrue();
    assertThat(inRun1.test(store.getArtifactsByIds(NS, List.of(output)).get(0))).isTrue();
    // A node not stored yet has no neighbours; its own fields still count.
    assertThat(inRun1.test(snapshot("new"))).isFalse();
    assertThat(store.artifactFilter(NS, "uri = 'cairn:snapshot/new'").test(snapshot("new")))
        .isTrue();
    assertThat(store.artifactFilter(NS, null).test(foreign)).isTrue();
    assertThat(store.artifactFilter(NS, " ").test(foreign)).isTrue();
  }

  @Test
  void executionsFilterByStateEventsAndContexts() {
    Predicate<Execution> p =
        store.executionFilter(
            NS, "last_known_state = COMPLETE AND events_e.artifact_id = " + input);
    Execution e = store.getExecutionsByIds(NS, List.of(exec)).get(0);
    assertThat(p.test(e)).isTrue();
    assertThat(
            store
                .executionFilter(NS, "events_e.type = OUTPUT AND events_e.artifact_id = " + input)
                .test(e))
        .isFalse();
    assertThat(
            store
                .listExecutions(NS, ListOptions.defaults().withFilter("external_id = 'run1/clean'"))
                .items())
        .extracting(Execution::getId)
        .containsExactly(exec);
  }

  @Test
  void artifactsFilterByTheirEvents() {
    assertThat(artifacts(NS, "events_e.type = INPUT")).containsExactly(input);
    assertThat(artifacts(NS, "events_e.execution_id = " + exec)).containsExactly(input, output);
    assertThat(artifacts(NS, "events_e.type = INPUT AND events_f.type = OUTPUT")).isEmpty();
  }

  @Test
  void contextsFilterByParentsAndChildren() {
    ListOptions options = ListOptions.defaults();
    assertThat(
            store
                .listContexts(NS, options.withFilter("parent_contexts_p.name = 'pipeline'"))
                .items())
        .extracting(Context::getId)
        .containsExactly(run1);
    assertThat(store.listContexts(NS, options.withFilter("child_contexts_c.name = 'run1'")).items())
        .extracting(Context::getId)
        .containsExactly(pipeline);
    assertThat(
            store
                .listContexts(
                    NS, options.withFilter("child_contexts_c.id = " + run1 + " AND type = 'Run'"))
                .items())
        .extracting(Context::getId)
        .containsExactly(pipeline);
    assertThat(
            store
                .listContexts(OTHER, options.withFilter("parent_contexts_p.name = 'pipeline'"))
                .items())
        .isEmpty();
  }

  @Test
  void typeMatchesEveryVersionOfTheName() {
    long v2 =
        store.putArtifactType(
            NS,
            ArtifactType.newBuilder()
                .setName("Dataset")
                .setVersion("2")
                .putProperties("rows", PropertyType.INT)
                .build(),
            TypeUpsert.exact());
    long versioned =
        store.putArtifacts(NS, List.of(Artifact.newBuilder().setTypeId(v2).build())).get(0);
    assertThat(artifacts(NS, "type = 'Dataset'")).containsExactly(input, output, versioned);
    assertThat(artifacts(NS, "type_id = " + v2)).containsExactly(versioned);
    assertThat(artifacts(NS, "type = 'Datase'")).isEmpty();
  }

  @Test
  void malformedFiltersAreInvalidArguments() {
    assertThatThrownBy(() -> store.listArtifacts(NS, ListOptions.defaults().withFilter("name =")))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessage(
            "Cannot parse filter 'name =': unexpected end of filter, expected a value at column 7");
    assertThatThrownBy(() -> store.listContexts(NS, ListOptions.defaults().withFilter("uri = 'x'")))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("unknown attribute 'uri' (contexts have");
    assertThatThrownBy(() -> store.executionFilter(NS, "state = LIVE"))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("unknown attribute 'state' (executions have");
    assertThatThrownBy(() -> store.listArtifacts("", ListOptions.defaults()))
        .isInstanceOf(LineageException.InvalidArgument.class);
  }
}

package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.SnapshotPin;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteTest extends StoreFixture {
  private PutExecutionResult prep;
  private long input;
  private long output;
  private long execution;
  private long runContext;

  @BeforeEach
  void recordAStep() {
    prep =
        store.putExecution(
            NS,
            step("run1/prep"),
            List.of(
                ArtifactAndEvent.of(
                    snapshot("s-in").toBuilder().setName("raw").build(),
                    Event.newBuilder().setType(Event.Type.INPUT).build()),
                ArtifactAndEvent.of(
                    snapshot("s-out"), Event.newBuilder().setType(Event.Type.OUTPUT).build())),
            List.of(run("run1")));
    input = prep.artifactIds().get(0);
    output = prep.artifactIds().get(1);
    execution = prep.executionId();
    runContext = prep.contextIds().get(0);
  }

  @Test
  void reportsWhatDependsOnEachKindOfNode() {
    Dependents ofInput = store.dependentsOfArtifact(NS, input);
    assertThat(ofInput.events()).extracting(Event::getExecutionId).containsExactly(execution);
    assertThat(ofInput.attributions()).hasSize(1);
    assertThat(ofInput.associations()).isEmpty();
    assertThat(ofInput.describe())
        .isEqualTo(
            "1 event (INPUT artifact %d execution %d), 1 attribution (artifact %d in context %d)"
                .formatted(input, execution, input, runContext));

    assertThat(store.dependentsOfExecution(NS, execution).events()).hasSize(2);
    assertThat(store.dependentsOfExecution(NS, execution).associations()).hasSize(1);
    Dependents ofRun = store.dependentsOfContext(NS, runContext);
    assertThat(ofRun.attributions()).hasSize(2);
    assertThat(ofRun.associations()).hasSize(1);
  }

  @Test
  void hardDeleteIsRefusedWhileAnythingRefersToTheNodeAndChangesNothing() {
    assertThatThrownBy(() -> store.deleteArtifact(NS, input, DeleteMode.HARD))
        .isInstanceOf(LineageException.FailedPrecondition.class)
        .hasMessageStartingWith("Cannot delete artifact " + input + ": 1 event (INPUT")
        .hasMessageContaining("with cascade");
    assertThat(store.getArtifactsByIds(NS, List.of(input))).hasSize(1);
    assertThat(store.dependentsOfArtifact(NS, input).isEmpty()).isFalse();
  }

  @Test
  void cascadeRemovesTheNodeAndItsEdgesButNoOtherNode() {
    Dependents removed = store.deleteArtifact(NS, input, DeleteMode.CASCADE);
    assertThat(removed.events()).hasSize(1);
    assertThat(store.getArtifactsByIds(NS, List.of(input))).isEmpty();
    assertThat(store.getArtifactsByUri(NS, "cairn:snapshot/s-in")).isEmpty();
    assertThat(store.findArtifactByTypeAndName(NS, "Dataset", "raw")).isEmpty();
    assertThat(store.getArtifactsByType(NS, "Dataset"))
        .extracting(Artifact::getId)
        .containsExactly(output);
    assertThat(store.getEventsByExecutionIds(NS, List.of(execution)))
        .extracting(Event::getArtifactId)
        .containsExactly(output);
    assertThat(store.getArtifactsByContext(NS, runContext))
        .extracting(Artifact::getId)
        .containsExactly(output);
    assertThat(store.getExecutionsByIds(NS, List.of(execution))).hasSize(1);

    // The name and context slot are free again.
    long again =
        store.putArtifacts(NS, List.of(snapshot("s-in").toBuilder().setName("raw").build())).get(0);
    store.putAttributionsAndAssociations(
        NS,
        List.of(Attribution.newBuilder().setArtifactId(again).setContextId(runContext).build()),
        List.of());
    assertThat(store.getArtifactsByContext(NS, runContext)).hasSize(2);
  }

  @Test
  void cascadeOnAContextRemovesItsLinksAndParentLinks() {
    long pipeline = store.putContexts(NS, List.of(run("pipeline-a"))).get(0);
    store.putParentContexts(
        NS,
        List.of(ParentContext.newBuilder().setChildId(runContext).setParentId(pipeline).build()));
    assertThatThrownBy(() -> store.deleteContext(NS, pipeline, DeleteMode.HARD))
        .hasMessageContaining("1 parent link (context " + runContext + " child of " + pipeline);
    store.deleteContext(NS, runContext, DeleteMode.CASCADE);
    assertThat(store.getContextsByIds(NS, List.of(runContext))).isEmpty();
    assertThat(store.getChildContexts(NS, pipeline)).isEmpty();
    assertThat(store.getContextsByExecution(NS, execution)).isEmpty();
    assertThat(store.findContextByTypeAndName(NS, "Run", "run1")).isEmpty();
    store.deleteContext(NS, pipeline, DeleteMode.HARD);
    assertThat(store.getContextsByType(NS, "Run")).isEmpty();
  }

  @Test
  void softDeleteMarksTheArtifactKeepsItsLineageAndUnpinsItsSnapshot() {
    assertThat(store.snapshotPins())
        .extracting(SnapshotPin::snapshotId)
        .containsExactlyInAnyOrder("s-in", "s-out");
    store.deleteArtifact(NS, output, DeleteMode.SOFT);
    Artifact soft = store.getArtifactsByIds(NS, List.of(output)).get(0);
    assertThat(soft.getState()).isEqualTo(Artifact.State.DELETED);
    assertThat(soft.getUri()).isEqualTo("cairn:snapshot/s-out");
    assertThat(store.getEventsByArtifactIds(NS, List.of(output))).hasSize(1);
    assertThat(store.snapshotPins()).containsExactly(new SnapshotPin(NS, input, "s-in"));
  }

  @Test
  void softDeleteOfAnExecutionOrContextIsRefused() {
    assertThatThrownBy(() -> store.deleteExecution(NS, execution, DeleteMode.SOFT))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("only artifacts have a DELETED state");
    assertThatThrownBy(() -> store.deleteContext(NS, runContext, DeleteMode.SOFT))
        .isInstanceOf(LineageException.InvalidArgument.class);
  }

  @Test
  void deletingWhatIsMissingOrInAnotherNamespaceIsNotFound() {
    assertThatThrownBy(() -> store.deleteArtifact(NS, 999, DeleteMode.CASCADE))
        .isInstanceOf(LineageException.NotFound.class)
        .hasMessage("Cannot delete artifact 999: it does not exist in namespace " + NS);
    assertThatThrownBy(() -> store.deleteArtifact("team-b", input, DeleteMode.CASCADE))
        .isInstanceOf(LineageException.NotFound.class);
    assertThatThrownBy(() -> store.dependentsOfExecution("team-b", execution))
        .isInstanceOf(LineageException.NotFound.class);
    assertThat(store.getArtifactsByIds(NS, List.of(input))).hasSize(1);
  }

  @Test
  void pinsCoverEveryNamespaceAndSkipOtherUris() {
    long otherType = store.putArtifactType("team-b", datasetType(), TypeUpsert.exact());
    store.putArtifacts(
        "team-b",
        List.of(
            Artifact.newBuilder().setTypeId(otherType).setUri("cairn:snapshot/s-b").build(),
            Artifact.newBuilder().setTypeId(otherType).setUri("s3://bucket/x").build()));
    store.putArtifacts("team-0", List.of());
    assertThat(store.snapshotPins())
        .extracting(SnapshotPin::namespace, SnapshotPin::snapshotId)
        .containsExactlyInAnyOrder(tuple(NS, "s-in"), tuple(NS, "s-out"), tuple("team-b", "s-b"));
  }

  @Test
  void anArtifactNameIsUniqueWithinAContextEvenAcrossTypes() {
    long modelType =
        store.putArtifactType(
            NS, ArtifactType.newBuilder().setName("Model").build(), TypeUpsert.exact());
    long model =
        store
            .putArtifacts(
                NS, List.of(Artifact.newBuilder().setTypeId(modelType).setName("raw").build()))
            .get(0);
    assertThatThrownBy(
            () ->
                store.putAttributionsAndAssociations(
                    NS,
                    List.of(
                        Attribution.newBuilder()
                            .setArtifactId(model)
                            .setContextId(runContext)
                            .build()),
                    List.of()))
        .isInstanceOf(LineageException.AlreadyExists.class)
        .hasMessageContaining("artifact " + input + " of that context is already named 'raw'");
    // Naming an artifact that is already in the context is checked too.
    assertThatThrownBy(
            () ->
                store.putArtifacts(
                    NS, List.of(Artifact.newBuilder().setId(output).setName("raw").build())))
        .isInstanceOf(LineageException.AlreadyExists.class);
    // In another context the name is free.
    long other = store.putContexts(NS, List.of(run("run2"))).get(0);
    store.putAttributionsAndAssociations(
        NS,
        List.of(Attribution.newBuilder().setArtifactId(model).setContextId(other).build()),
        List.of());
    assertThat(store.getArtifactsByContext(NS, other))
        .extracting(Artifact::getId)
        .containsExactly(model);
  }
}

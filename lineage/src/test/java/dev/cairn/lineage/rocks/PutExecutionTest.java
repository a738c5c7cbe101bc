package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutExecutionTest extends StoreFixture {
  private static Event event(Event.Type type) {
    return Event.newBuilder().setType(type).build();
  }

  private PutExecutionResult recordStep(String name, String in, String out) {
    return store.putExecution(
        NS,
        step("run1/" + name),
        List.of(
            ArtifactAndEvent.of(
                snapshot(in).toBuilder().setExternalId(in).build(), event(Event.Type.INPUT)),
            ArtifactAndEvent.of(
                snapshot(out).toBuilder().setExternalId(out).build(), event(Event.Type.OUTPUT))),
        List.of(run("run1")));
  }

  @Test
  void recordsExecutionArtifactsEventsAndLinks() {
    PutExecutionResult r = recordStep("prep", "s-in", "s-out");
    assertThat(r.artifactIds()).hasSize(2);
    assertThat(store.getEventsByExecutionIds(NS, List.of(r.executionId())))
        .extracting(Event::getArtifactId, Event::getType)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(r.artifactIds().get(0), Event.Type.INPUT),
            org.assertj.core.groups.Tuple.tuple(r.artifactIds().get(1), Event.Type.OUTPUT));
    long ctx = r.contextIds().get(0);
    assertThat(store.getExecutionsByContext(NS, ctx)).hasSize(1);
    assertThat(store.getArtifactsByContext(NS, ctx))
        .extracting(Artifact::getId)
        .containsExactlyElementsOf(r.artifactIds());
  }

  @Test
  void retryWithTheSameExternalIdsCreatesNoDuplicates() {
    PutExecutionResult first = recordStep("prep", "s-in", "s-out");
    PutExecutionResult retry = recordStep("prep", "s-in", "s-out");
    assertThat(retry).isEqualTo(first);
    assertThat(store.getArtifactsByType(NS, "Dataset")).hasSize(2);
    assertThat(store.getExecutionsByType(NS, "Step")).hasSize(1);
    assertThat(store.getContextsByType(NS, "Run")).hasSize(1);
    assertThat(store.getEventsByExecutionIds(NS, List.of(first.executionId()))).hasSize(2);
  }

  @Test
  void aSecondStepSharesTheRunAndItsInputArtifact() {
    PutExecutionResult prep = recordStep("prep", "s-in", "s-mid");
    PutExecutionResult train = recordStep("train", "s-mid", "s-model");
    assertThat(train.contextIds()).isEqualTo(prep.contextIds());
    assertThat(train.artifactIds().get(0)).isEqualTo(prep.artifactIds().get(1));
    assertThat(store.getExecutionsByContext(NS, prep.contextIds().get(0))).hasSize(2);
    assertThat(store.getEventsByArtifactIds(NS, List.of(prep.artifactIds().get(1))))
        .extracting(Event::getType)
        .containsExactlyInAnyOrder(Event.Type.OUTPUT, Event.Type.INPUT);
  }

  @Test
  void aFailureAnywhereLeavesNothingBehind() {
    Context badContext = run("run1").toBuilder().putProperties("undeclared", intValue(1)).build();
    assertThatThrownBy(
            () ->
                store.putExecution(
                    NS,
                    step("run1/prep"),
                    List.of(ArtifactAndEvent.of(snapshot("s-out"), event(Event.Type.OUTPUT))),
                    List.of(badContext)))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("'undeclared'");
    assertThat(store.getExecutionsByExternalIds(NS, List.of("run1/prep"))).isEmpty();
    assertThat(store.getArtifactsByUri(NS, "cairn:snapshot/s-out")).isEmpty();
    assertThat(store.getContextsByType(NS, "Run")).isEmpty();
    // ids used by the failed call are not burnt into the counter either.
    PutExecutionResult ok = recordStep("prep", "a", "b");
    assertThat(ok.executionId()).isEqualTo(1);
  }

  @Test
  void aRetryMayNotMoveASnapshotArtifact() {
    recordStep("prep", "s-in", "s-out");
    Artifact moved =
        Artifact.newBuilder()
            .setTypeId(datasetType)
            .setExternalId("s-out")
            .setUri("cairn:snapshot/other")
            .build();
    assertThatThrownBy(
            () ->
                store.putExecution(
                    NS,
                    step("run1/prep"),
                    List.of(ArtifactAndEvent.withoutEvent(moved)),
                    List.of()))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("immutable snapshot");
  }

  @Test
  void namespacesDoNotShareRunsOrArtifacts() {
    PutExecutionResult mine = recordStep("prep", "s-in", "s-out");
    assertThat(store.findContextByTypeAndName("team-b", "Run", "run1")).isEmpty();
    assertThat(store.getArtifactsByContext("team-b", mine.contextIds().get(0))).isEmpty();
    assertThat(store.getEventsByArtifactIds("team-b", mine.artifactIds())).isEmpty();
  }
}

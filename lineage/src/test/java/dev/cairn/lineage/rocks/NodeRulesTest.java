package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Execution;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRulesTest extends StoreFixture {
  @Test
  void insertStampsIdsTypeAndTimes() {
    long id =
        store
            .putArtifacts(
                NS, List.of(snapshot("s1").toBuilder().putProperties("rows", intValue(3)).build()))
            .get(0);
    Artifact a = store.getArtifactsByIds(NS, List.of(id)).get(0);
    assertThat(a.getId()).isEqualTo(id);
    assertThat(a.getType()).isEqualTo("Dataset");
    assertThat(a.getCreateTimeSinceEpoch()).isGreaterThanOrEqualTo(T0);
    assertThat(a.getLastUpdateTimeSinceEpoch()).isEqualTo(a.getCreateTimeSinceEpoch());

    store.putArtifacts(NS, List.of(a.toBuilder().setState(Artifact.State.DELETED).build()));
    Artifact updated = store.getArtifactsByIds(NS, List.of(id)).get(0);
    assertThat(updated.getState()).isEqualTo(Artifact.State.DELETED);
    assertThat(updated.getCreateTimeSinceEpoch()).isEqualTo(a.getCreateTimeSinceEpoch());
    assertThat(updated.getLastUpdateTimeSinceEpoch())
        .isGreaterThan(a.getLastUpdateTimeSinceEpoch());
  }

  @Test
  void undeclaredPropertyIsRefusedByName() {
    Artifact a = snapshot("s1").toBuilder().putProperties("colour", stringValue("red")).build();
    assertThatThrownBy(() -> store.putArtifacts(NS, List.of(a)))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("property 'colour' is not declared by type 'Dataset'");
    Artifact custom =
        snapshot("s1").toBuilder().putCustomProperties("colour", stringValue("red")).build();
    assertThat(store.putArtifacts(NS, List.of(custom))).hasSize(1);
  }

  @Test
  void wrongValueKindIsRefusedByName() {
    Artifact a = snapshot("s1").toBuilder().putProperties("rows", stringValue("many")).build();
    assertThatThrownBy(() -> store.putArtifacts(NS, List.of(a)))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("property 'rows' of type 'Dataset' must be INT, not STRING_VALUE");
  }

  @Test
  void missingOrForeignTypeIsRefused() {
    assertThatThrownBy(() -> store.putArtifacts(NS, List.of(Artifact.newBuilder().build())))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("type_id is required");
    assertThatThrownBy(() -> store.putArtifacts("team-b", List.of(snapshot("s1"))))
        .isInstanceOf(LineageException.NotFound.class)
        .hasMessageContaining("artifact type " + datasetType);
  }

  @Test
  void namesAreUniquePerType() {
    store.putArtifacts(NS, List.of(snapshot("s1").toBuilder().setName("train").build()));
    assertThatThrownBy(
            () ->
                store.putArtifacts(
                    NS, List.of(snapshot("s2").toBuilder().setName("train").build())))
        .isInstanceOf(LineageException.AlreadyExists.class)
        .hasMessageContaining("already has a artifact named 'train'");
    assertThatThrownBy(() -> store.putContexts(NS, List.of(run("r1"), run("r1"))))
        .isInstanceOf(LineageException.AlreadyExists.class);
    assertThat(store.getContextsByType(NS, "Run")).isEmpty();
  }

  @Test
  void externalIdsAreUnique() {
    store.putExecutions(NS, List.of(step("x1")));
    assertThatThrownBy(() -> store.putExecutions(NS, List.of(step("x1"))))
        .isInstanceOf(LineageException.AlreadyExists.class)
        .hasMessageContaining("external_id 'x1' is taken");
  }

  @Test
  void nameAndExternalIdCannotChangeOnceSet() {
    long id = store.putExecutions(NS, List.of(step("x1").toBuilder().setName("a").build())).get(0);
    Execution rename = Execution.newBuilder().setId(id).setName("b").build();
    assertThatThrownBy(() -> store.putExecutions(NS, List.of(rename)))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("name cannot change from 'a' to 'b'");
    Execution keep =
        Execution.newBuilder().setId(id).setLastKnownState(Execution.State.FAILED).build();
    store.putExecutions(NS, List.of(keep));
    Execution after = store.getExecutionsByIds(NS, List.of(id)).get(0);
    assertThat(after.getName()).isEqualTo("a");
    assertThat(after.getExternalId()).isEqualTo("x1");
    assertThat(after.getLastKnownState()).isEqualTo(Execution.State.FAILED);
  }

  @Test
  void contextsNeedAName() {
    assertThatThrownBy(
            () -> store.putContexts(NS, List.of(Context.newBuilder().setTypeId(runType).build())))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("name is required");
  }

  @Test
  void snapshotUriNeverChanges() {
    long id = store.putArtifacts(NS, List.of(snapshot("abc"))).get(0);
    Artifact moved = Artifact.newBuilder().setId(id).setUri("cairn:snapshot/def").build();
    assertThatThrownBy(() -> store.putArtifacts(NS, List.of(moved)))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("cairn:snapshot/abc names an immutable snapshot");
    Artifact noUri = Artifact.newBuilder().setId(id).setState(Artifact.State.DELETED).build();
    store.putArtifacts(NS, List.of(noUri));
    assertThat(store.getArtifactsByIds(NS, List.of(id)).get(0).getUri())
        .isEqualTo("cairn:snapshot/abc");
  }

  @Test
  void otherUrisMayChangeAndTheIndexFollows() {
    Artifact a = Artifact.newBuilder().setTypeId(datasetType).setUri("s3://b/old").build();
    long id = store.putArtifacts(NS, List.of(a)).get(0);
    store.putArtifacts(NS, List.of(Artifact.newBuilder().setId(id).setUri("s3://b/new").build()));
    assertThat(store.getArtifactsByUri(NS, "s3://b/old")).isEmpty();
    assertThat(store.getArtifactsByUri(NS, "s3://b/new"))
        .extracting(Artifact::getId)
        .containsExactly(id);
  }

  @Test
  void updatingAnIdOfAnotherNamespaceIsNotFound() {
    long id = store.putArtifacts(NS, List.of(snapshot("abc"))).get(0);
    Artifact foreign = Artifact.newBuilder().setId(id).setTypeId(datasetType).build();
    assertThatThrownBy(() -> store.putArtifacts("team-b", List.of(foreign)))
        .isInstanceOf(LineageException.NotFound.class)
        .hasMessageContaining("does not exist in namespace team-b");
  }

  @Test
  void aFailingPutWritesNothing() {
    Artifact bad = snapshot("s2").toBuilder().putProperties("nope", intValue(1)).build();
    assertThatThrownBy(() -> store.putArtifacts(NS, List.of(snapshot("s1"), bad)))
        .isInstanceOf(LineageException.InvalidArgument.class);
    assertThat(store.getArtifactsByType(NS, "Dataset")).isEmpty();
    assertThat(store.getArtifactsByUri(NS, "cairn:snapshot/s1")).isEmpty();
  }
}

package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.client.ApiClient;
import dev.cairn.api.client.RemoteLineageStore;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.LineageWalker.Direction;
import dev.cairn.lineage.SubgraphRequest;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.store.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the lineage suites run over HTTP (see dev.cairn.lineage.rocks.Remote*Test) leave out: walks
 * answered by the server, lookups split over several calls, tokens, and servers without lineage.
 */
class RemoteLineageStoreTest extends LineageFixture {
  private LineageStore remote(String token) {
    return new RemoteLineageStore(new ApiClient(server.uri(), Optional.ofNullable(token)));
  }

  @Test
  void aWalkIsOneCallAnsweredByTheServerAsTheWalkerAnswersLocally() {
    long[] schema = schema(A, writer);
    Step prep = step(A, writer, schema, "prep", "raw", "clean");
    step(A, writer, schema, "train", "clean", "model");
    SubgraphRequest request =
        SubgraphRequest.of(List.of(prep.artifacts().get(0)), List.of(), Direction.DOWNSTREAM, 10)
            .withEnding("uri = 'cairn:snapshot/model'", null, true);
    assertThat(LineageWalker.subgraph(remote(reader), "team-a", request))
        .isEqualTo(new LineageWalker(lineage, "team-a").walk(request));
    assertThat(LineageWalker.subgraph(remote(reader), "team-a", request).artifacts()).hasSize(3);
    // An empty start is an empty graph, as locally, not a refused request.
    assertThat(
            LineageWalker.subgraph(
                    remote(reader),
                    "team-a",
                    SubgraphRequest.of(List.of(), List.of(), Direction.BOTH, 3))
                .artifacts())
        .isEmpty();
  }

  @Test
  void longLookupsAreSplitAndComeBackInIdOrderOnce() {
    LineageStore store = remote(writer);
    long type =
        store.putArtifactType(
            "team-a", ArtifactType.newBuilder().setName("Dataset").build(), TypeUpsert.exact());
    List<Artifact> many = new ArrayList<>();
    List<String> externalIds = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(
          Artifact.newBuilder()
              .setTypeId(type)
              .setUri("file:/" + i)
              .setExternalId("x" + i)
              .build());
      externalIds.add("x" + (249 - i));
    }
    List<Long> ids = store.putArtifacts("team-a", many);
    List<Long> asked = new ArrayList<>(ids);
    java.util.Collections.reverse(asked);
    asked.addAll(ids.subList(0, 10));
    asked.add(-1L);
    assertThat(store.getArtifactsByIds("team-a", asked)).extracting(Artifact::getId).isEqualTo(ids);
    externalIds.add("x3");
    assertThat(store.getArtifactsByExternalIds("team-a", externalIds))
        .extracting(Artifact::getId)
        .isEqualTo(ids);
    assertThat(store.getEventsByArtifactIds("team-a", ids)).isEmpty();
  }

  @Test
  void tokensBoundWhatTheRemoteStoreSees() {
    step(A, writer, schema(A, writer), "prep", "raw", "clean");
    assertThat(remote(admin).snapshotPins()).isEqualTo(lineage.snapshotPins()).hasSize(2);
    assertThatThrownBy(() -> remote(writer).snapshotPins())
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("403")
        .hasMessageContaining("admin access to every namespace");
    assertThatThrownBy(() -> remote(reader).getArtifactTypes("team-b"))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("no read access to namespace 'team-b'");
    assertThatThrownBy(
            () ->
                remote(reader)
                    .putArtifactType(
                        "team-a",
                        ArtifactType.newBuilder().setName("X").build(),
                        TypeUpsert.exact()))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("no write access");
    assertThatThrownBy(() -> remote(reader).getArtifactTypes(""))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessage("Cannot use namespace: it is empty");
  }

  @Test
  void filtersNamingNeighboursReadThemFromTheServer() {
    long[] schema = schema(A, writer);
    Step prep = step(A, writer, schema, "prep", "raw", "clean");
    LineageStore store = remote(reader);
    Artifact raw = store.getArtifactsByIds("team-a", prep.artifacts()).get(0);
    assertThat(store.artifactFilter("team-a", "contexts_r.name = 'r1'").test(raw)).isTrue();
    assertThat(store.artifactFilter("team-a", "events_e.type = OUTPUT").test(raw)).isFalse();
    assertThatThrownBy(() -> store.executionFilter("team-a", "uri = 'x'"))
        .isInstanceOf(LineageException.InvalidArgument.class);
  }

  @Test
  void aServerWithoutLineageSaysSo() {
    try (ApiServer bare =
        ApiServer.start(
            repo, Optional.empty(), ServerOptions.defaults().withAddress("127.0.0.1", 0), "test")) {
      LineageStore store = new RemoteLineageStore(new ApiClient(bare.uri(), Optional.empty()));
      assertThatThrownBy(() -> store.getArtifactTypes("team-a"))
          .isInstanceOf(UnavailableException.class)
          .hasMessageStartingWith("Cannot use lineage on this server: it serves none");
    }
  }
}

package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Who may read, write and delete lineage, and what one namespace sees of another. */
class LineageAccessTest extends LineageFixture {
  @Test
  void anotherNamespaceIs403WhetherOrNotTheNodeExists() {
    long[] other = schema(B, admin);
    long secret = step(B, admin, other, "prep", "raw", "clean").artifacts().get(0);
    Res existing = get(B + "/artifacts/" + secret, reader);
    Res missing = get(B + "/artifacts/99999", reader);
    assertThat(error(existing, 403, "PERMISSION_DENIED"))
        .isEqualTo(error(missing, 403, "PERMISSION_DENIED"))
        .contains("no read access to namespace 'team-b'");
    error(
        postJson(B + "/subgraph", reader, "{\"start_artifact_ids\": [1]}"),
        403,
        "PERMISSION_DENIED");
    error(get(B + "/runs", writer), 403, "PERMISSION_DENIED");
    // Within its own namespace, another namespace's id reads as missing.
    error(get(A + "/artifacts/" + secret, reader), 404, "NOT_FOUND");
  }

  @Test
  void readersReadWritersWriteAndOnlyAdminsDelete() {
    long[] schema = schema(A, writer);
    String put = "{\"artifacts\": [{\"type_id\": %d, \"uri\": \"file:/x\"}]}".formatted(schema[0]);
    assertThat(error(postJson(A + "/artifacts", reader, put), 403, "PERMISSION_DENIED"))
        .contains("no write access to namespace 'team-a'");
    long id = longs(ok(postJson(A + "/artifacts", writer, put)).get("artifact_ids")).get(0);
    ok(get(A + "/artifacts/" + id, reader));
    ok(postJson(A + "/subgraph", reader, "{\"start_artifact_ids\": [" + id + "]}"));
    error(delete(A + "/artifacts/" + id, writer), 403, "PERMISSION_DENIED");
    ok(delete(A + "/artifacts/" + id, admin));
    error(get(A + "/artifacts", null), 401, "UNAUTHENTICATED");
  }

  @Test
  void namespacesDoNotSeeEachOthersLineage() {
    long[] a = schema(A, writer);
    long[] b = schema(B, admin);
    Step mine = step(A, writer, a, "prep", "raw", "clean");
    Step theirs = step(B, admin, b, "prep", "raw", "clean");
    assertThat(ok(get(A + "/artifacts?uri=cairn%3Asnapshot%2Fraw", reader)).get("items"))
        .extracting(n -> n.get("id").asLong())
        .containsExactly(mine.artifacts().get(0));
    assertThat(ok(get(A + "/artifacts", reader)).get("items")).hasSize(2);
    assertThat(ok(get(A + "/executions?external_id=r1%2Fprep", reader)).get("items"))
        .extracting(n -> n.get("id").asLong())
        .containsExactly(mine.execution());
    // A walk from team-b's ids inside team-a finds nothing of team-b.
    JsonNode walk =
        ok(
            postJson(
                A + "/subgraph",
                admin,
                "{\"start_execution_ids\": [" + theirs.execution() + "], \"max_hops\": 5}"));
    assertThat(walk.path("executions").findValues("id").stream().map(JsonNode::asLong))
        .doesNotContain(theirs.execution());
  }

  @Test
  void pinsSpanNamespacesSoTheyNeedAnAdminTokenForEveryNamespace() {
    step(A, writer, schema(A, writer), "prep", "raw", "clean");
    step(B, admin, schema(B, admin), "prep", "src", "out");
    JsonNode pins = ok(get("/api/v1/lineage/pins", admin)).get("pins");
    assertThat(pins).hasSize(4);
    assertThat(pins.findValues("namespace").stream().map(JsonNode::asText))
        .contains("team-a", "team-b");
    assertThat(pins.get(0).has("artifact_id")).isTrue();
    assertThat(pins.findValues("snapshot_id").stream().map(JsonNode::asText))
        .contains("raw", "clean", "src", "out");

    assertThat(error(get("/api/v1/lineage/pins", writer), 403, "PERMISSION_DENIED"))
        .isEqualTo(
            "Token 'writer' cannot call listSnapshotPins: it needs admin access to every"
                + " namespace ('*')");
    error(get("/api/v1/lineage/pins", reader), 403, "PERMISSION_DENIED");
    error(get("/api/v1/lineage/pins", null), 401, "UNAUTHENTICATED");

    // An admin of one namespace is still refused: the pins show every namespace.
    String teamAdmin = restartWithTeamAdmin();
    error(get("/api/v1/lineage/pins", teamAdmin), 403, "PERMISSION_DENIED");
    ok(get("/api/v1/lineage/pins", admin));
  }
}

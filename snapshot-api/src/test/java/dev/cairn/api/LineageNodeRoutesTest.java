package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Artifacts, executions and contexts over HTTP: put, update, get and every lookup. */
class LineageNodeRoutesTest extends LineageFixture {
  @Test
  void nodesArePutUpdatedAndFoundEveryWay() {
    long[] schema = schema(A, writer);
    String two =
        """
        {"artifacts": [
          {"type_id": %d, "uri": "file:/a", "name": "a", "external_id": "ext-a",
           "state": "LIVE", "properties": {"rows": {"int_value": 10}}},
          {"type_id": %d, "uri": "file:/b", "name": "b"}]}"""
            .formatted(schema[0], schema[0]);
    List<Long> ids = longs(ok(postJson(A + "/artifacts", writer, two)).get("artifact_ids"));
    long a = ids.get(0);
    long b = ids.get(1);

    JsonNode got = ok(get(A + "/artifacts/" + a, reader));
    assertThat(got.get("uri").asText()).isEqualTo("file:/a");
    assertThat(got.get("type").asText()).isEqualTo("Dataset");
    assertThat(got.get("state").asText()).isEqualTo("LIVE");
    assertThat(got.get("properties").get("rows").get("int_value").asLong()).isEqualTo(10);
    assertThat(got.has("create_time_since_epoch")).isTrue();

    // An update names the id and changes only what it gives.
    String update =
        "{\"artifacts\": [{\"id\": %d, \"properties\": {\"rows\": {\"int_value\": 11}}}]}"
            .formatted(a);
    assertThat(longs(ok(postJson(A + "/artifacts", writer, update)).get("artifact_ids")))
        .containsExactly(a);
    JsonNode updated = ok(get(A + "/artifacts/" + a, reader));
    assertThat(updated.get("properties").get("rows").get("int_value").asLong()).isEqualTo(11);
    assertThat(updated.get("name").asText()).isEqualTo("a");

    assertThat(ids(get(A + "/artifacts?id=" + b + "&id=" + a + "&id=999", reader)))
        .containsExactly(a, b);
    assertThat(ids(get(A + "/artifacts?type=Dataset", reader))).containsExactly(a, b);
    assertThat(ids(get(A + "/artifacts?type=Dataset&name=b", reader))).containsExactly(b);
    assertThat(ids(get(A + "/artifacts?type=Nope", reader))).isEmpty();
    assertThat(ids(get(A + "/artifacts?uri=file%3A%2Fa", reader))).containsExactly(a);
    assertThat(ids(get(A + "/artifacts?external_id=ext-a&external_id=nope", reader)))
        .containsExactly(a);

    long x =
        longs(
                ok(postJson(
                        A + "/executions",
                        writer,
                        "{\"executions\": [{\"type_id\": %d, \"name\": \"x\", \"external_id\": \"ext-x\"}]}"
                            .formatted(schema[1])))
                    .get("execution_ids"))
            .get(0);
    assertThat(ok(get(A + "/executions/" + x, reader)).get("type").asText()).isEqualTo("Step");
    assertThat(ids(get(A + "/executions?type=Step&name=x", reader))).containsExactly(x);
    assertThat(ids(get(A + "/executions?external_id=ext-x", reader))).containsExactly(x);
    long c =
        longs(
                ok(postJson(
                        A + "/contexts",
                        writer,
                        "{\"contexts\": [{\"type_id\": %d, \"name\": \"r1\"}]}"
                            .formatted(schema[2])))
                    .get("context_ids"))
            .get(0);
    assertThat(ok(get(A + "/contexts/" + c, reader)).get("name").asText()).isEqualTo("r1");
    assertThat(ids(get(A + "/contexts?type=Run", reader))).containsExactly(c);
    assertThat(ok(get(A + "/contexts", reader)).get("next_page_token").isNull()).isTrue();
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    long[] schema = schema(A, writer);
    assertThat(
            error(
                postJson(A + "/artifacts", writer, "{\"artifacts\": [{\"type_id\": \"abc\"}]}"),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("Invalid request: field 'artifacts[0].type_id': Not an int64 value");
    String nested =
        "{\"artifacts\": [{\"type_id\": %d}, {\"type_id\": %d, \"properties\": {\"rows\": {\"int_value\": \"zz\"}}}]}"
            .formatted(schema[0], schema[0]);
    assertThat(error(postJson(A + "/artifacts", writer, nested), 400, "INVALID_ARGUMENT"))
        .startsWith("Invalid request: field 'artifacts[1].properties.rows.int_value'");
    assertThat(
            error(
                postJson(A + "/artifacts", writer, "{\"artifacts\": [{\"tipe_id\": 1}]}"),
                400,
                "INVALID_ARGUMENT"))
        .contains("'artifacts[0].tipe_id'");
    assertThat(
            error(
                postJson(A + "/artifacts", writer, "{\"artifact\": []}"), 400, "INVALID_ARGUMENT"))
        .contains("unknown field 'artifact'");
    assertThat(
            error(
                postJson(A + "/artifacts", writer, "{\"artifacts\": {}}"), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid request: field 'artifacts' must be a JSON array");
    assertThat(
            error(postJson(A + "/artifacts", writer, "{\"artifacts\": ["), 400, "INVALID_ARGUMENT"))
        .contains("malformed JSON");

    // The type's rules come from the store: an undeclared property names the property.
    String undeclared =
        "{\"artifacts\": [{\"type_id\": %d, \"properties\": {\"colour\": {\"string_value\": \"red\"}}}]}"
            .formatted(schema[0]);
    assertThat(error(postJson(A + "/artifacts", writer, undeclared), 400, "INVALID_ARGUMENT"))
        .contains("property 'colour' is not declared by type 'Dataset'");
    assertThat(
            error(
                postJson(
                    A + "/contexts",
                    writer,
                    "{\"contexts\": [{\"type_id\": %d}]}".formatted(schema[2])),
                400,
                "INVALID_ARGUMENT"))
        .contains("name");
    assertThat(ids(get(A + "/artifacts?type=Dataset", reader))).isEmpty();
  }

  @Test
  void unknownIdsAre404AndBadLookupsAre400() {
    schema(A, writer);
    assertThat(error(get(A + "/artifacts/999", reader), 404, "NOT_FOUND"))
        .isEqualTo("Artifact 999 does not exist in namespace team-a");
    error(get(A + "/executions/999", reader), 404, "NOT_FOUND");
    error(get(A + "/contexts/999/dependents", reader), 404, "NOT_FOUND");
    assertThat(error(get(A + "/artifacts/abc", reader), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid artifact id 'abc': expected a positive integer");
    error(get(A + "/contexts/0", reader), 400, "INVALID_ARGUMENT");
    assertThat(error(get(A + "/artifacts?id=1&type=Dataset", reader), 400, "INVALID_ARGUMENT"))
        .startsWith("Cannot list artifacts: give one of id, type, uri, external_id");
    assertThat(error(get(A + "/artifacts?id=1&limit=5", reader), 400, "INVALID_ARGUMENT"))
        .contains("apply to pages");
    assertThat(error(get(A + "/executions?name=x", reader), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Cannot list executions: name needs a type");
    error(get(A + "/executions?id=-3", reader), 400, "INVALID_ARGUMENT");
  }

  private static List<Long> ids(Res r) {
    JsonNode page = ok(r);
    assertThat(page.get("next_page_token").isNull()).isTrue();
    return page.get("items").findValues("id").stream().map(JsonNode::asLong).toList();
  }
}

package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Artifact, execution and context types over HTTP. */
class LineageTypeRoutesTest extends LineageFixture {
  @Test
  void typesArePutMergedFoundByNameAndVersionAndListed() {
    long[] schema = schema(A, writer);
    String dataset =
        """
        {"artifact_type": {"name": "Dataset",
          "properties": {"rows": "INT", "split": "STRING"}}}""";
    assertThat(ok(postJson(A + "/artifact-types", writer, dataset)).get("type_id").asLong())
        .isEqualTo(schema[0]);

    // A new property needs can_add_fields; a left-out one can_omit_fields (MLMD's upsert rules).
    String wider =
        """
        {"artifact_type": {"name": "Dataset",
          "properties": {"rows": "INT", "split": "STRING", "owner": "STRING"}}%s}""";
    error(postJson(A + "/artifact-types", writer, wider.formatted("")), 409, "ALREADY_EXISTS");
    assertThat(
            ok(postJson(
                    A + "/artifact-types", writer, wider.formatted(", \"can_add_fields\": true")))
                .get("type_id")
                .asLong())
        .isEqualTo(schema[0]);
    ok(
        postJson(
            A + "/artifact-types",
            writer,
            "{\"artifact_type\": {\"name\": \"Dataset\", \"version\": \"v2\"}}"));

    JsonNode got = ok(get(A + "/artifact-types/Dataset", reader));
    assertThat(got.get("id").asLong()).isEqualTo(schema[0]);
    assertThat(got.get("properties").get("owner").asText()).isEqualTo("STRING");
    assertThat(ok(get(A + "/artifact-types/Dataset?version=v2", reader)).get("version").asText())
        .isEqualTo("v2");
    assertThat(ok(get(A + "/artifact-types?name=Dataset&version=v2", reader)).get("artifact_types"))
        .hasSize(1);
    assertThat(ok(get(A + "/artifact-types", reader)).get("artifact_types")).hasSize(2);
    assertThat(
            ok(get(A + "/artifact-types?id=" + schema[0] + "&id=9999", reader))
                .get("artifact_types"))
        .hasSize(1);
    assertThat(ok(get(A + "/execution-types/Step", reader)).get("id").asLong())
        .isEqualTo(schema[1]);
    assertThat(
            ok(get(A + "/context-types?name=Run", reader))
                .get("context_types")
                .get(0)
                .get("id")
                .asLong())
        .isEqualTo(schema[2]);
    assertThat(ok(get(B + "/artifact-types", admin)).get("artifact_types")).isEmpty();
  }

  @Test
  void missingTypesAndBadLookupsAreClearErrors() {
    schema(A, writer);
    assertThat(error(get(A + "/artifact-types/Nope", reader), 404, "NOT_FOUND"))
        .isEqualTo("Cannot get artifact type 'Nope': it does not exist in namespace team-a");
    error(get(A + "/artifact-types/Dataset?version=v9", reader), 404, "NOT_FOUND");
    assertThat(error(get(A + "/artifact-types?id=1&name=x", reader), 400, "INVALID_ARGUMENT"))
        .contains("either id or name");
    error(get(A + "/context-types?version=v2", reader), 400, "INVALID_ARGUMENT");
    assertThat(error(get(A + "/execution-types?id=x", reader), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid execution type id 'x': expected a positive integer");
  }

  @Test
  void badTypeBodiesAreRefusedNamingTheField() {
    assertThat(
            error(
                postJson(
                    A + "/artifact-types",
                    writer,
                    "{\"artifact_type\": {\"name\": \"X\", \"properties\": {\"a\": \"NOPE\"}}}"),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("Invalid request: field 'artifact_type.properties'");
    assertThat(
            error(
                postJson(A + "/artifact-types", writer, "{\"artifact_typo\": {}}"),
                400,
                "INVALID_ARGUMENT"))
        .contains("'artifact_typo'");
    assertThat(
            error(
                postJson(
                    A + "/artifact-types",
                    writer,
                    "{\"artifact_type\": {\"name\": \"X\"}, \"can_add_fields\": \"yes\"}"),
                400,
                "INVALID_ARGUMENT"))
        .isEqualTo("Invalid request: field 'can_add_fields' must be true or false");
    assertThat(error(postJson(A + "/context-types", writer, "{}"), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid request: field 'context_type' is missing");
    assertThat(
            error(
                postJson(A + "/execution-types", writer, "{\"execution_type\": {\"name\": \"\"}}"),
                400,
                "INVALID_ARGUMENT"))
        .contains("name is empty");
    error(
        postJson(A + "/execution-types", reader, "{\"execution_type\": {\"name\": \"S\"}}"),
        403,
        "PERMISSION_DENIED");
  }
}

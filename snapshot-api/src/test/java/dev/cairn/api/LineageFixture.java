package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The server fixture plus lineage helpers: paths, a small schema, and two recorded steps (raw ->
 * prep -> clean -> train -> model) put through the API the way {@code cairn step run} records them.
 */
abstract class LineageFixture extends ServerFixture {
  static final String A = "/api/v1/namespaces/team-a/lineage";
  static final String B = "/api/v1/namespaces/team-b/lineage";

  /** The JSON of a 200 answer; fails with the answer otherwise. */
  static JsonNode ok(Res r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  /** The error code and message of a failed answer, after checking its status. */
  static String error(Res r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().get("code").asText()).isEqualTo(code);
    return r.json().get("message").asText();
  }

  static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  /** Dataset (rows: INT, split: STRING), Step and Run types in {@code base}'s namespace. */
  long[] schema(String base, String token) {
    long dataset =
        ok(postJson(
                base + "/artifact-types",
                token,
                """
                {"artifact_type": {"name": "Dataset",
                  "properties": {"rows": "INT", "split": "STRING"}}}"""))
            .get("type_id")
            .asLong();
    long step =
        ok(postJson(base + "/execution-types", token, "{\"execution_type\": {\"name\": \"Step\"}}"))
            .get("type_id")
            .asLong();
    long run =
        ok(postJson(base + "/context-types", token, "{\"context_type\": {\"name\": \"Run\"}}"))
            .get("type_id")
            .asLong();
    return new long[] {dataset, step, run};
  }

  /** The ids a recorded step got: execution, artifacts in request order, contexts. */
  record Step(long execution, List<Long> artifacts, List<Long> contexts) {}

  /** Records a step reading {@code in} and writing {@code out} in run r1, via put-execution. */
  Step step(String base, String token, long[] schema, String name, String in, String out) {
    String body =
        """
        {"execution": {"type_id": %d, "name": "%s", "external_id": "r1/%s",
           "last_known_state": "COMPLETE"},
         "artifact_event_pairs": [
           {"artifact": {"type_id": %d, "uri": "cairn:snapshot/%s", "external_id": "%s"},
            "event": {"type": "INPUT", "path": {"steps": [{"key": "in"}]}}},
           {"artifact": {"type_id": %d, "uri": "cairn:snapshot/%s", "external_id": "%s"},
            "event": {"type": "OUTPUT", "path": {"steps": [{"key": "out"}]}}}],
         "contexts": [{"type_id": %d, "name": "r1", "external_id": "run:r1"}]}"""
            .formatted(schema[1], name, name, schema[0], in, in, schema[0], out, out, schema[2]);
    JsonNode r = ok(postJson(base + "/put-execution", token, body));
    return new Step(
        r.get("execution_id").asLong(), longs(r.get("artifact_ids")), longs(r.get("context_ids")));
  }
}

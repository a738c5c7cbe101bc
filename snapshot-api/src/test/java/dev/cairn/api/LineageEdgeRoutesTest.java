package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events, attributions, associations and parent contexts over HTTP, from either end. */
class LineageEdgeRoutesTest extends LineageFixture {
  private long in;
  private long out;
  private long exec;
  private long run;
  private long pipeline;

  @BeforeEach
  void nodes() {
    long[] schema = schema(A, writer);
    List<Long> artifacts =
        longs(
            ok(postJson(
                    A + "/artifacts",
                    writer,
                    "{\"artifacts\": [{\"type_id\": %d, \"uri\": \"file:/in\"}, {\"type_id\": %d, \"uri\": \"file:/out\"}]}"
                        .formatted(schema[0], schema[0])))
                .get("artifact_ids"));
    in = artifacts.get(0);
    out = artifacts.get(1);
    exec =
        longs(
                ok(postJson(
                        A + "/executions",
                        writer,
                        "{\"executions\": [{\"type_id\": %d}]}".formatted(schema[1])))
                    .get("execution_ids"))
            .get(0);
    List<Long> contexts =
        longs(
            ok(postJson(
                    A + "/contexts",
                    writer,
                    "{\"contexts\": [{\"type_id\": %d, \"name\": \"r1\"}, {\"type_id\": %d, \"name\": \"p\"}]}"
                        .formatted(schema[2], schema[2])))
                .get("context_ids"));
    run = contexts.get(0);
    pipeline = contexts.get(1);
  }

  private String events() {
    return """
        {"events": [
          {"artifact_id": %d, "execution_id": %d, "type": "INPUT"},
          {"artifact_id": %d, "execution_id": %d, "type": "OUTPUT"}]}"""
        .formatted(in, exec, out, exec);
  }

  @Test
  void edgesArePutAndFollowedFromEitherEnd() {
    ok(postJson(A + "/events", writer, events()));
    JsonNode ofIn = ok(get(A + "/events?artifact_id=" + in, reader)).get("events");
    assertThat(ofIn).hasSize(1);
    assertThat(ofIn.get(0).get("type").asText()).isEqualTo("INPUT");
    assertThat(ofIn.get(0).has("milliseconds_since_epoch")).isTrue();
    assertThat(ok(get(A + "/events?execution_id=" + exec, reader)).get("events")).hasSize(2);
    assertThat(
            ok(get(A + "/events?artifact_id=" + in + "&artifact_id=" + out, reader)).get("events"))
        .hasSize(2);

    String links =
        """
        {"attributions": [{"artifact_id": %d, "context_id": %d}],
         "associations": [{"execution_id": %d, "context_id": %d}]}"""
            .formatted(in, run, exec, run);
    ok(postJson(A + "/attributions-and-associations", writer, links));
    ok(postJson(A + "/attributions-and-associations", writer, links));
    ok(
        postJson(
            A + "/parent-contexts",
            writer,
            "{\"parent_contexts\": [{\"child_id\": %d, \"parent_id\": %d}]}"
                .formatted(run, pipeline)));

    assertThat(names(get(A + "/artifacts/" + in + "/contexts", reader), "contexts"))
        .containsExactly("r1");
    assertThat(names(get(A + "/executions/" + exec + "/contexts", reader), "contexts"))
        .containsExactly("r1");
    assertThat(ok(get(A + "/contexts/" + run + "/artifacts", reader)).get("artifacts"))
        .extracting(a -> a.get("id").asLong())
        .containsExactly(in);
    assertThat(ok(get(A + "/contexts/" + run + "/executions", reader)).get("executions"))
        .extracting(e -> e.get("id").asLong())
        .containsExactly(exec);
    assertThat(names(get(A + "/contexts/" + run + "/parents", reader), "contexts"))
        .containsExactly("p");
    assertThat(names(get(A + "/contexts/" + pipeline + "/children", reader), "contexts"))
        .containsExactly("r1");
    assertThat(ok(get(A + "/artifacts/" + out + "/contexts", reader)).get("contexts")).isEmpty();
  }

  @Test
  void edgeErrorsAreNamed() {
    ok(postJson(A + "/events", writer, events()));
    assertThat(error(postJson(A + "/events", writer, events()), 409, "ALREADY_EXISTS"))
        .isNotBlank();
    error(
        postJson(
            A + "/events",
            writer,
            "{\"events\": [{\"artifact_id\": 999, \"execution_id\": %d, \"type\": \"INPUT\"}]}"
                .formatted(exec)),
        404,
        "NOT_FOUND");
    assertThat(
            error(
                postJson(A + "/events", writer, "{\"events\": [{\"type\": \"SIDEWAYS\"}]}"),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("Invalid request: field 'events[0].type'");
    String self =
        "{\"parent_contexts\": [{\"child_id\": %d, \"parent_id\": %d}]}".formatted(run, run);
    error(postJson(A + "/parent-contexts", writer, self), 400, "INVALID_ARGUMENT");
    ok(
        postJson(
            A + "/parent-contexts",
            writer,
            "{\"parent_contexts\": [{\"child_id\": %d, \"parent_id\": %d}]}"
                .formatted(run, pipeline)));
    String cycle =
        "{\"parent_contexts\": [{\"child_id\": %d, \"parent_id\": %d}]}".formatted(pipeline, run);
    assertThat(error(postJson(A + "/parent-contexts", writer, cycle), 400, "INVALID_ARGUMENT"))
        .contains("cycle");

    assertThat(error(get(A + "/events", reader), 400, "INVALID_ARGUMENT")).contains("not neither");
    assertThat(
            error(
                get(A + "/events?artifact_id=" + in + "&execution_id=" + exec, reader),
                400,
                "INVALID_ARGUMENT"))
        .contains("not both");
    assertThat(error(get(A + "/contexts/999/artifacts", reader), 404, "NOT_FOUND"))
        .isEqualTo("Context 999 does not exist in namespace team-a");
    error(get(A + "/artifacts/999/contexts", reader), 404, "NOT_FOUND");
    error(postJson(A + "/attributions-and-associations", writer, "{}"), 400, "INVALID_ARGUMENT");
    error(postJson(A + "/events", reader, events()), 403, "PERMISSION_DENIED");
  }

  private static List<String> names(Res r, String field) {
    return ok(r).get(field).findValues("name").stream().map(JsonNode::asText).toList();
  }
}

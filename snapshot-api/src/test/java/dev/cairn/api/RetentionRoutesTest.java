package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionRoutesTest extends ServerFixture {
  private static final String A = "/api/v1/namespaces/team-a/retention";

  @Test
  void anAdminSetsReadsAndClearsAPolicy() {
    Res set = putJson(A + "/main", admin, "{\"keepLast\": 3, \"keepWithin\": \"30d\"}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().get("version").asLong()).isEqualTo(1);

    JsonNode got = get(A + "/main", reader).json();
    assertThat(got.get("ref").asText()).isEqualTo("team-a/main");
    assertThat(got.get("policy").get("keepLast").asInt()).isEqualTo(3);
    assertThat(got.get("policy").get("keepWithin").asText()).isEqualTo("30d");
    assertThat(got.get("policy").get("zone").asText()).isEqualTo("UTC");
    assertThat(get(A, reader).json().get("policies")).hasSize(1);

    assertThat(delete(A + "/main", admin).status()).isEqualTo(204);
    Res gone = get(A + "/main", reader);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("message").asText()).contains("team-a/main has no retention policy");
  }

  @Test
  void aStaleVersionIsAConflict() {
    putJson(A + "/main", admin, "{\"keepDaily\": 7}");
    Res stale = putJson(A + "/main?version=0", admin, "{\"keepDaily\": 1}");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("message").asText()).contains("at version 1, not 0");
    assertThat(putJson(A + "/main?version=1", admin, "{\"keepDaily\": 1}").status()).isEqualTo(200);
  }

  @Test
  void invalidPoliciesAreRefusedNamingWhatIsWrong() {
    Map<String, String> cases =
        Map.of(
            "{\"keepDaily\": -2}", "keep-daily is -2",
            "{}", "keeps nothing",
            "{\"keepWithin\": \"soon\"}", "'soon'",
            "{\"keepLast\": 1, \"zone\": \"Mars/Base\"}", "zone 'Mars/Base'",
            "{\"keepEver\": 1}", "unknown field 'keepEver'");
    cases.forEach(
        (body, message) -> {
          Res r = putJson(A + "/main", admin, body);
          assertThat(r.status()).as(body).isEqualTo(400);
          assertThat(r.json().get("message").asText()).as(body).contains(message);
        });
  }

  @Test
  void onlyAdminsChangePolicies() {
    assertThat(putJson(A + "/main", writer, "{\"keepLast\": 1}").status()).isEqualTo(403);
    assertThat(delete(A + "/main", writer).status()).isEqualTo(403);
    assertThat(get("/api/v1/namespaces/team-b/retention", reader).status()).isEqualTo(403);
  }
}

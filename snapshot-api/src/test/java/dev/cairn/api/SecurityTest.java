package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what, and how bad requests are answered: always JSON {code, message}. */
class SecurityTest extends ServerFixture {
  private static final String A = "/api/v1/namespaces/team-a";
  private static final String B = "/api/v1/namespaces/team-b";

  @Test
  void noTokenOrAnUnknownTokenIs401() {
    Res none = get(A + "/snapshots", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(none.header("www-authenticate")).startsWith("Bearer");
    assertThat(get(A + "/snapshots", "cairn_not-a-real-token").status()).isEqualTo(401);
    assertThat(
            send(request(A + "/snapshots", null)
                    .header("Authorization", "Basic Zm9vOmJhcg==")
                    .build())
                .status())
        .isEqualTo(401);
    assertThat(get("/healthz", null).status()).isEqualTo(200);
    assertThat(get("/metrics", null).status()).isEqualTo(401);
  }

  @Test
  void aTokenWithoutTheNamespaceLearnsNothingAboutWhatExists() {
    String id = snapshot("team-b", "secret", Map.of("f", "x"));
    Res existing = get(B + "/snapshots/" + id, reader);
    Res missing = get(B + "/snapshots/" + "0".repeat(64), reader);
    assertThat(existing.status()).isEqualTo(403);
    assertThat(missing.status()).isEqualTo(403);
    assertThat(existing.json().get("message").asText())
        .isEqualTo(missing.json().get("message").asText());
    assertThat(get(B + "/refs/secret", reader).status()).isEqualTo(403);
    // Listing namespaces shows only what the token may read.
    assertThat(get("/api/v1/namespaces", reader).json().get("namespaces")).isEmpty();
    assertThat(get("/api/v1/namespaces", admin).json().get("namespaces").toString())
        .contains("team-b");
    // Within its namespace, a snapshot of another namespace reads as missing, even by full id.
    assertThat(get(A + "/snapshots/" + id, reader).status()).isEqualTo(404);
  }

  @Test
  void aReadTokenCannotWrite() {
    Res r = upload("team-a", "ref=x", reader, tar(Map.of("f", "x")));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("message").asText()).contains("no write access to namespace 'team-a'");
    String id = snapshot("team-a", "r", Map.of("f", "x"));
    assertThat(putJson(A + "/refs/r2", reader, "{\"target\":\"" + id + "\"}").status())
        .isEqualTo(403);
    assertThat(putJson(A + "/refs/r2", writer, "{\"target\":\"" + id + "\"}").status())
        .isEqualTo(201);
  }

  @Test
  void pathsInsideSnapshotsCannotTraverse() {
    String id = snapshot("team-a", "r", Map.of("dir/f", "x"));
    for (String bad : new String[] {"dir/../dir/f", "dir/./f", "dir//f", "%2e%2e/x", "dir/%00"}) {
      Res r = get(A + "/snapshots/" + id + "/files/" + bad, reader);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.header("content-type")).as(bad).startsWith("application/json");
    }
  }

  @Test
  void oversizedMalformedAndMisroutedRequestsGetClearJsonErrors() {
    Res big = postJson(A + "/refs/x/tag", writer, "{\"target\":\"" + "a".repeat(5 << 20) + "\"}");
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

    Res malformed = putJson(A + "/refs/x", writer, "{\"target\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("message").asText()).contains("malformed JSON");
    Res unknownField = putJson(A + "/refs/x", writer, "{\"taget\": \"abc\"}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("message").asText()).contains("'taget'");
    Res wrongType = putJson(A + "/refs/x", writer, "{\"target\": 12}");
    assertThat(wrongType.json().get("message").asText()).contains("'target'");

    Res unknown = get("/api/v1/nothing-here", admin);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");
    Res method =
        send(
            request(A + "/snapshots", admin)
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.header("allow")).isEqualTo("GET, POST");

    Res hugeHeader =
        send(request(A + "/snapshots", admin).header("X-Big", "x".repeat(20_000)).build());
    assertThat(hugeHeader.status()).isEqualTo(431);
    assertThat(hugeHeader.json().get("code").asText()).isEqualTo("HEADERS_TOO_LARGE");
  }

  @Test
  void invalidNamespacesAreRejectedForTokensThatSeeEverything() {
    Res r = get("/api/v1/namespaces/Not_A_Label/snapshots", admin);
    assertThat(r.status()).isEqualTo(400);
  }
}

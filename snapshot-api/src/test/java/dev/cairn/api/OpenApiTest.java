package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The served document and the served routes are the same set, and every operation answers. */
class OpenApiTest extends ServerFixture {
  @Test
  void theDocumentListsExactlyTheRoutesAndEachIsServed() {
    JsonNode doc = get("/api/v1/openapi.json", null).json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      p.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
    }
    Set<String> served = new HashSet<>();
    for (Route r : server.routes()) {
      served.add(r.method() + " " + OpenApi.openApiPath(r.path()));
    }
    assertThat(documented).isEqualTo(served);

    // Fill every path parameter and call it: the router must know each one (no 404/405 for the
    // route itself; a 404 naming a missing object is fine).
    for (String op : documented) {
      String method = op.substring(0, op.indexOf(' '));
      String path =
          op.substring(op.indexOf(' ') + 1)
              .replace("{ns}", "team-a")
              .replace("{id}", "0".repeat(64))
              .replaceAll("\\{[a-z_]+\\}", "x");
      Res r =
          send(
              request(path, admin)
                  .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                  .header("Content-Type", "application/json")
                  .build());
      assertThat(r.status()).as(op).isNotEqualTo(405);
      if (r.status() == 404) {
        assertThat(r.json().get("message").asText()).as(op).doesNotStartWith("No route");
      }
    }
  }
}

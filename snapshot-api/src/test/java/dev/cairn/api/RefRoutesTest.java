package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RefRoutesTest extends ServerFixture {
  private static final String A = "/api/v1/namespaces/team-a";

  @Test
  void compareAndSwapCreatesMovesAndRefusesStaleUpdates() {
    String one = snapshot("team-a", "base", Map.of("f", "1"));
    String two = snapshot("team-a", "base2", Map.of("f", "2"));
    assertThat(
            putJson(A + "/refs/main", writer, "{\"target\":\"" + one + "\",\"expected\":null}")
                .status())
        .isEqualTo(201);
    Res again = putJson(A + "/refs/main", writer, "{\"target\":\"" + two + "\",\"expected\":null}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asText()).isEqualTo("CONFLICT");
    Res moved =
        putJson(
            A + "/refs/main", writer, "{\"target\":\"" + two + "\",\"expected\":\"" + one + "\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().get("result").asText()).isEqualTo("UPDATED");
    assertThat(
            putJson(
                    A + "/refs/main",
                    writer,
                    "{\"target\":\"" + one + "\",\"expected\":\"" + one + "\"}")
                .status())
        .isEqualTo(409);

    JsonNode log = get(A + "/refs/main/log", reader).json().get("entries");
    assertThat(log).hasSize(2);
    assertThat(log.get(0).get("newTarget").asText()).isEqualTo(two);

    assertThat(postJson(A + "/refs/v1/tag", writer, "{\"target\":\"" + one + "\"}").status())
        .isEqualTo(201);
    Res moveTag = putJson(A + "/refs/v1", writer, "{\"target\":\"" + two + "\"}");
    assertThat(moveTag.status()).isEqualTo(409);
    assertThat(moveTag.json().get("message").asText()).contains("tags never move");

    assertThat(delete(A + "/refs/main?expected=" + one, writer).status()).isEqualTo(409);
    assertThat(delete(A + "/refs/main?expected=" + two, writer).status()).isEqualTo(204);
    assertThat(get(A + "/refs/main", reader).status()).isEqualTo(404);
    assertThat(get(A + "/refs", reader).json().get("refs"))
        .extracting(r -> r.get("name").asText())
        .contains("team-a/v1");
  }

  @Test
  void sixteenClientsDoingCompareAndSwapLoseNoUpdate() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(snapshot("team-a", "s" + i, Map.of("f", "" + i)));
    }
    putJson(A + "/refs/counter", writer, "{\"target\":\"" + ids.get(0) + "\"}");
    int clients = 16;
    int updatesEach = 10;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Integer>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(
          pool.submit(
              () -> {
                int conflicts = 0;
                for (int n = 0; n < updatesEach; ) {
                  String current = get(A + "/refs/counter", writer).json().get("target").asText();
                  String next = ids.get((ids.indexOf(current) + 1 + client) % ids.size());
                  if (next.equals(current)) {
                    next = ids.get((ids.indexOf(current) + 1) % ids.size());
                  }
                  Res r =
                      putJson(
                          A + "/refs/counter",
                          writer,
                          "{\"target\":\"" + next + "\",\"expected\":\"" + current + "\"}");
                  if (r.status() == 200) {
                    n++;
                  } else {
                    assertThat(r.status()).isEqualTo(409);
                    conflicts++;
                  }
                }
                return conflicts;
              }));
    }
    for (Future<Integer> f : done) {
      f.get();
    }
    pool.shutdown();
    // Every successful update is in the log exactly once, and the log (newest first) is a chain.
    JsonNode log = get(A + "/refs/counter/log", reader).json().get("entries");
    assertThat(log).hasSize(1 + clients * updatesEach);
    for (int i = 1; i < log.size(); i++) {
      assertThat(log.get(i - 1).get("oldTarget").asText())
          .isEqualTo(log.get(i).get("newTarget").asText());
    }
  }
}

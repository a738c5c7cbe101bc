package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MLMD's filter_query and paging over HTTP: tokens continue listings and nothing else. */
class LineagePagingRoutesTest extends LineageFixture {
  private long[] schema;

  private List<Long> putDatasets(int from, int to) {
    StringBuilder body = new StringBuilder("{\"artifacts\": [");
    for (int i = from; i < to; i++) {
      body.append(i == from ? "" : ",")
          .append(
              "{\"type_id\": %d, \"uri\": \"file:/%d\", \"properties\": {\"rows\": {\"int_value\": %d}}}"
                  .formatted(schema[0], i, i));
    }
    return longs(ok(postJson(A + "/artifacts", writer, body + "]}")).get("artifact_ids"));
  }

  /** Every id of a listing, following next_page_token from {@code first}. */
  private List<Long> all(String query) {
    List<Long> ids = new ArrayList<>();
    String token = null;
    do {
      String q = query + (token == null ? "" : "&page_token=" + token);
      JsonNode page = ok(get(A + "/artifacts?" + q, reader));
      page.get("items").forEach(a -> ids.add(a.get("id").asLong()));
      token = page.get("next_page_token").isNull() ? null : page.get("next_page_token").asText();
    } while (token != null);
    return ids;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void tokensContinueAListingAndNodesAddedMeanwhileDoNotAppear() {
    schema = schema(A, writer);
    List<Long> first = putDatasets(0, 7);
    JsonNode page1 = ok(get(A + "/artifacts?limit=3", reader));
    assertThat(page1.get("items")).hasSize(3);
    String token = page1.get("next_page_token").asText();
    putDatasets(7, 9);
    JsonNode page2 = ok(get(A + "/artifacts?limit=3&page_token=" + token, reader));
    JsonNode page3 =
        ok(
            get(
                A + "/artifacts?limit=3&page_token=" + page2.get("next_page_token").asText(),
                reader));
    List<Long> seen = new ArrayList<>();
    for (JsonNode page : List.of(page1, page2, page3)) {
      page.get("items").forEach(a -> seen.add(a.get("id").asLong()));
    }
    assertThat(seen).isEqualTo(first);
    assertThat(page3.get("next_page_token").isNull()).isTrue();
    // The same token read again answers the same page.
    assertThat(ok(get(A + "/artifacts?limit=3&page_token=" + token, reader))).isEqualTo(page2);
  }

  @Test
  void filtersAndOrdersSelectAcrossPages() {
    schema = schema(A, writer);
    List<Long> ids = putDatasets(0, 10);
    String f = "filter=" + encode("properties.rows.int_value >= 4 AND type = 'Dataset'");
    assertThat(all(f + "&limit=2")).isEqualTo(ids.subList(4, 10));
    assertThat(all(f + "&limit=4&order_by=create_time&asc=false"))
        .isEqualTo(List.of(ids.get(9), ids.get(8), ids.get(7), ids.get(6), ids.get(5), ids.get(4)));
    assertThat(all("filter=" + encode("uri LIKE 'file:/1%'") + "&order_by=LAST_UPDATE_TIME"))
        .containsExactly(ids.get(1));
    assertThat(all("filter=" + encode("contexts_a.name = 'nope'"))).isEmpty();
  }

  @Test
  void badTokensFiltersAndOptionsAre400() {
    schema = schema(A, writer);
    putDatasets(0, 5);
    String token = ok(get(A + "/artifacts?limit=2", reader)).get("next_page_token").asText();
    error(get(A + "/artifacts?page_token=garbage", reader), 400, "INVALID_ARGUMENT");
    // A token continues only the listing that issued it: same kind, order and filter.
    error(get(A + "/executions?page_token=" + token, reader), 400, "INVALID_ARGUMENT");
    error(
        get(A + "/artifacts?order_by=create_time&page_token=" + token, reader),
        400,
        "INVALID_ARGUMENT");
    error(
        get(A + "/artifacts?filter=" + encode("id > 1") + "&page_token=" + token, reader),
        400,
        "INVALID_ARGUMENT");
    ok(postJson(B + "/artifact-types", admin, "{\"artifact_type\": {\"name\": \"Dataset\"}}"));
    error(get(B + "/artifacts?page_token=" + token, admin), 400, "INVALID_ARGUMENT");

    assertThat(
            error(
                get(A + "/artifacts?filter=" + encode("rows >> 3"), reader),
                400,
                "INVALID_ARGUMENT"))
        .contains("column");
    assertThat(error(get(A + "/artifacts?order_by=name", reader), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid order_by 'name': use id, create_time or last_update_time");
    error(get(A + "/artifacts?limit=0", reader), 400, "INVALID_ARGUMENT");
    error(get(A + "/artifacts?limit=1001", reader), 400, "INVALID_ARGUMENT");
    error(get(A + "/artifacts?asc=maybe", reader), 400, "INVALID_ARGUMENT");
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.ApiException;
import dev.cairn.api.Call;
import dev.cairn.api.PageToken;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.ListOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lineage path and query parameters: node ids, listing options, delete modes. */
final class LineageParams {
  /** The most ids one lookup takes; clients split longer lists. */
  static final int MAX_IDS = 1000;

  /** Query parameters of a paged listing. */
  static final List<String> PAGING = List.of("filter", "order_by", "asc", "limit", "page_token");

  private LineageParams() {}

  /** The path parameter {@code id} as the id of a {@code what}; 400 unless a positive integer. */
  static long id(Call call, String what) {
    return parseId(call.path("id"), what);
  }

  /** Every value of a repeatable id parameter; 400 beyond {@link #MAX_IDS}. */
  static List<Long> ids(Call call, String param, String what) {
    List<String> values = call.queryAll(param);
    if (values.size() > MAX_IDS) {
      throw ApiException.badRequest(
          "Invalid query: " + values.size() + " values of " + param + "; at most " + MAX_IDS);
    }
    List<Long> ids = new ArrayList<>(values.size());
    values.forEach(v -> ids.add(parseId(v, what)));
    return ids;
  }

  static long parseId(String text, String what) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "Invalid " + what + " id '" + text + "': expected a positive integer");
  }

  /** MLMD's list options from {@code filter, order_by, asc, limit, page_token}. */
  static ListOptions listOptions(Call call) {
    ListOptions.OrderBy orderBy =
        switch (call.query("order_by").orElse("id").toLowerCase(Locale.ROOT)) {
          case "id" -> ListOptions.OrderBy.ID;
          case "create_time" -> ListOptions.OrderBy.CREATE_TIME;
          case "last_update_time" -> ListOptions.OrderBy.LAST_UPDATE_TIME;
          default ->
              throw ApiException.badRequest(
                  "Invalid order_by '"
                      + call.query("order_by").get()
                      + "': use id, create_time or last_update_time");
        };
    boolean ascending = call.query("asc").isEmpty() || call.queryFlag("asc");
    return new ListOptions(
        PageToken.pageSize(call),
        orderBy,
        ascending,
        call.query("filter").orElse(null),
        call.query("page_token").orElse(null));
  }

  /** {@code mode=soft|hard|cascade}, hard when absent. */
  static DeleteMode deleteMode(Call call) {
    String mode = call.query("mode").orElse("hard");
    try {
      return DeleteMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid mode '" + mode + "': use soft, hard or cascade");
    }
  }

  /** Whether any of the parameters is present. */
  static boolean anyOf(Call call, List<String> params) {
    return params.stream().anyMatch(p -> call.query(p).isPresent());
  }
}

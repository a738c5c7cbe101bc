package dev.cairn.csi;

import io.grpc.Status;
import java.util.List;
import java.util.function.Function;

/**
 * Pages over a list sorted by id. The token is the last id of the previous page, so it stays valid
 * while objects come and go: a page never repeats or skips what existed throughout.
 */
final class Paging {
  private Paging() {}

  record Page<T>(List<T> items, String nextToken) {}

  static <T> Page<T> page(
      List<T> sorted, Function<T, String> id, int maxEntries, String startingToken) {
    if (maxEntries < 0) {
      throw Status.INVALID_ARGUMENT
          .withDescription("max_entries must not be negative")
          .asRuntimeException();
    }
    if (!startingToken.isEmpty() && !startingToken.matches("[A-Za-z0-9._-]{1,128}")) {
      throw Status.ABORTED
          .withDescription("Invalid starting_token '" + startingToken + "'")
          .asRuntimeException();
    }
    int from = 0;
    if (!startingToken.isEmpty()) {
      while (from < sorted.size() && id.apply(sorted.get(from)).compareTo(startingToken) <= 0) {
        from++;
      }
    }
    int to = maxEntries == 0 ? sorted.size() : Math.min(sorted.size(), from + maxEntries);
    List<T> items = sorted.subList(from, to);
    String next =
        to < sorted.size() && !items.isEmpty() ? id.apply(items.get(items.size() - 1)) : "";
    return new Page<>(items, next);
  }
}

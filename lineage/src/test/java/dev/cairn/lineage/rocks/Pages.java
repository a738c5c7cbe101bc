package dev.cairn.lineage.rocks;

import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a listing to its end, page after page. */
final class Pages {
  private Pages() {}

  static <T> List<T> all(Function<ListOptions, Page<T>> list, ListOptions options) {
    List<T> out = new ArrayList<>();
    ListOptions next = options;
    for (int pages = 0; ; pages++) {
      if (pages > 10_000) {
        throw new AssertionError("listing does not end: " + options);
      }
      Page<T> page = list.apply(next);
      if (page.items().size() > next.maxResultSize()) {
        throw new AssertionError("page larger than " + next.maxResultSize());
      }
      out.addAll(page.items());
      if (page.nextPageToken().isEmpty()) {
        return out;
      }
      if (page.items().isEmpty()) {
        throw new AssertionError("empty page with a next token: " + options);
      }
      next = next.withPageToken(page.nextPageToken().get());
    }
  }
}

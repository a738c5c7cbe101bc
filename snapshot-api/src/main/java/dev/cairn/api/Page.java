package dev.cairn.api;

import java.util.List;

/** One page of a listing; {@code next_page_token} is absent on the last page. */
public record Page<T>(List<T> items, String next_page_token) {
  public Page {
    items = List.copyOf(items);
  }
}

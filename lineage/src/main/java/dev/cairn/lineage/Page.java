package dev.cairn.lineage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the page's items, in the listing's order
 * @param nextPageToken an opaque token for {@link ListOptions#withPageToken} that continues after
 *     the last item; empty when no item follows
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextPageToken, "nextPageToken");
  }

  /** Whether another page follows this one. */
  public boolean hasNext() {
    return nextPageToken.isPresent();
  }
}

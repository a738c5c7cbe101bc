package dev.cairn.lineage.filter;

import dev.cairn.lineage.LineageException;

/** Builds the one error every malformed filter raises. */
final class FilterErrors {
  private static final int MAX_QUOTED = 200;

  private FilterErrors() {}

  /**
   * "Cannot parse filter '...': reason at column N". Columns are 1-based, as editors count them.
   */
  static LineageException.InvalidArgument at(String query, int position, String reason) {
    String quoted = query.length() <= MAX_QUOTED ? query : query.substring(0, MAX_QUOTED) + "...";
    return new LineageException.InvalidArgument(
        "Cannot parse filter '" + quoted + "': " + reason + " at column " + (position + 1));
  }
}

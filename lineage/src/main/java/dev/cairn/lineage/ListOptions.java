package dev.cairn.lineage;

/**
 * How to list nodes (MLMD's ListOperationOptions): page size, order, an optional filter in MLMD's
 * filter_query syntax, and the token of the page to continue from.
 *
 * <p>A {@code maxResultSize} of 0 means {@link #DEFAULT_PAGE_SIZE}; a negative size or one above
 * {@link #MAX_PAGE_SIZE} is {@link LineageException.InvalidArgument}. A blank filter or page token
 * reads as absent, so callers can pass an empty request field through. Ties in create or update
 * time are broken by id, in the same direction.
 *
 * @param maxResultSize the most items one page holds
 * @param orderBy the value pages are ordered by
 * @param ascending whether the order is ascending (MLMD's default) or descending
 * @param filterQuery an MLMD filter_query expression, or null for every node
 * @param pageToken the {@link Page#nextPageToken()} of the previous page, or null for the first
 */
public record ListOptions(
    int maxResultSize, OrderBy orderBy, boolean ascending, String filterQuery, String pageToken) {
  /** The value nodes are ordered by. */
  public enum OrderBy {
    ID,
    CREATE_TIME,
    LAST_UPDATE_TIME
  }

  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 1000;

  public ListOptions {
    if (maxResultSize < 0 || maxResultSize > MAX_PAGE_SIZE) {
      throw new LineageException.InvalidArgument(
          "Cannot list with max result size "
              + maxResultSize
              + ": it must be between 1 and "
              + MAX_PAGE_SIZE
              + " (0 for the default of "
              + DEFAULT_PAGE_SIZE
              + ")");
    }
    if (orderBy == null) {
      throw new LineageException.InvalidArgument("Cannot list: orderBy is null");
    }
    maxResultSize = maxResultSize == 0 ? DEFAULT_PAGE_SIZE : maxResultSize;
    filterQuery = blankToNull(filterQuery);
    pageToken = blankToNull(pageToken);
  }

  /** The first page of every node, {@link #DEFAULT_PAGE_SIZE} at a time, in ascending id order. */
  public static ListOptions defaults() {
    return new ListOptions(0, OrderBy.ID, true, null, null);
  }

  public ListOptions withFilter(String filterQuery) {
    return new ListOptions(maxResultSize, orderBy, ascending, filterQuery, pageToken);
  }

  public ListOptions withPageToken(String pageToken) {
    return new ListOptions(maxResultSize, orderBy, ascending, filterQuery, pageToken);
  }

  public ListOptions withMaxResultSize(int maxResultSize) {
    return new ListOptions(maxResultSize, orderBy, ascending, filterQuery, pageToken);
  }

  public ListOptions withOrder(OrderBy orderBy, boolean ascending) {
    return new ListOptions(maxResultSize, orderBy, ascending, filterQuery, pageToken);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

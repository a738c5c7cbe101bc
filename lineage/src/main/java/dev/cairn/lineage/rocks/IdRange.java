package dev.cairn.lineage.rocks;

/**
 * The ids a scan may return, {@code from} to {@code to} inclusive, and the direction to walk them.
 */
record IdRange(long from, long to, boolean descending) {
  boolean isEmpty() {
    return from > to;
  }

  boolean contains(long id) {
    return id >= from && id <= to;
  }

  /** The position a scan starts from: the low end ascending, the high end descending. */
  long start() {
    return descending ? to : from;
  }
}

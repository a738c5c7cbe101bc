package dev.cairn.lineage.rocks;

/** Where a listing's candidate ids come from: opens a stream of them over a range. */
@FunctionalInterface
interface IdSource {
  IdSource NONE = range -> IdStream.EMPTY;

  /** A superset of the matching ids in {@code range}, sorted in its direction. */
  IdStream open(IdRange range);
}

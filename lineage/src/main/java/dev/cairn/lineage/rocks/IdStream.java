package dev.cairn.lineage.rocks;

/** Ids in one direction, produced lazily; ids are positive, so {@link #END} marks the end. */
interface IdStream extends AutoCloseable {
  long END = -1;

  IdStream EMPTY = () -> END;

  /** The next id, or {@link #END}. */
  long next();

  @Override
  default void close() {}
}

package dev.cairn.lineage.rocks;

/** Index arithmetic for the per-node-id arrays of the in-heap graph. */
final class Slots {
  /** Ids past this do not fit a Java array; the graph gives up and reads go to RocksDB. */
  static final long MAX_ID = Integer.MAX_VALUE - 16;

  private Slots() {}

  /** {@code id} as an array index, or an error for an id no array can hold. */
  static int index(long id) {
    if (id < 0 || id > MAX_ID) {
      throw new IllegalStateException("Cannot index node id " + id + " in the heap: out of range");
    }
    return (int) id;
  }

  /** The length of a per-node array that must hold index {@code n}: doubling, within MAX_ID. */
  static int capacityFor(int n) {
    long length = Math.max(16, Long.highestOneBit(n) << 1);
    return (int) Math.min(length, MAX_ID + 1);
  }

  /** The next capacity of a list holding {@code size} entries: small lists grow by one or two. */
  static int grow(int size) {
    return size < 4 ? size + 1 : size + (size >> 1);
  }
}

package dev.cairn.lineage.rocks;

/**
 * A set of (long, long) pairs in two flat arrays (open addressing, linear probing), for the heap
 * walk's bookkeeping: no boxing and no entry objects. The second value must be positive; 0 marks an
 * empty slot. Not thread-safe.
 */
final class LongPairSet {
  private long[] firsts;
  private long[] seconds;
  private int size;

  LongPairSet() {
    firsts = new long[32];
    seconds = new long[32];
  }

  boolean contains(long first, long second) {
    int mask = seconds.length - 1;
    for (int i = hash(first, second) & mask; ; i = (i + 1) & mask) {
      if (seconds[i] == 0) {
        return false;
      }
      if (seconds[i] == second && firsts[i] == first) {
        return true;
      }
    }
  }

  /** Adds the pair; false if it was there already. */
  boolean add(long first, long second) {
    if (second <= 0) {
      throw new IllegalArgumentException("Cannot add pair (" + first + ", " + second + ")");
    }
    if (2 * (size + 1) > seconds.length) {
      grow();
    }
    int mask = seconds.length - 1;
    int i = hash(first, second) & mask;
    for (; seconds[i] != 0; i = (i + 1) & mask) {
      if (seconds[i] == second && firsts[i] == first) {
        return false;
      }
    }
    firsts[i] = first;
    seconds[i] = second;
    size++;
    return true;
  }

  private void grow() {
    long[] oldFirsts = firsts;
    long[] oldSeconds = seconds;
    firsts = new long[oldSeconds.length * 2];
    seconds = new long[oldSeconds.length * 2];
    size = 0;
    for (int i = 0; i < oldSeconds.length; i++) {
      if (oldSeconds[i] != 0) {
        add(oldFirsts[i], oldSeconds[i]);
      }
    }
  }

  private static int hash(long first, long second) {
    long h = (first * 0x9E3779B97F4A7C15L) ^ (second * 0xC2B2AE3D27D4EB4FL);
    return (int) (h ^ (h >>> 29));
  }
}

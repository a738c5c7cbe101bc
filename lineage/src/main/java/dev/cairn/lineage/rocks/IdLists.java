package dev.cairn.lineage.rocks;

import java.util.Arrays;

/**
 * A sorted set of ids per node id, in arrays indexed by node id (ids are dense counters from 1), so
 * that a node with no edges costs nothing but its empty slot. Changed in place by one writer at a
 * time; a reader racing a change may see a torn list, which is why {@link HeapGraph} validates
 * every read and {@link #copy} never fails on one.
 */
final class IdLists {
  private long[][] lists = new long[16][];
  private int[] sizes = new int[16];
  private long count;

  /** The ids under {@code node}, ascending; empty when it has none. */
  long[] copy(long node) {
    long[][] l = lists;
    int[] s = sizes;
    if (node < 0 || node >= l.length || node >= s.length) {
      return new long[0];
    }
    long[] list = l[(int) node];
    if (list == null) {
      return new long[0];
    }
    return Arrays.copyOf(list, Math.max(0, Math.min(s[(int) node], list.length)));
  }

  /** Adds {@code id} under {@code node}; already there is fine. */
  void add(long node, long id) {
    int n = Slots.index(node);
    ensure(n);
    long[] list = lists[n];
    int size = sizes[n];
    if (list == null) {
      lists[n] = new long[] {id};
      sizes[n] = 1;
      count++;
      return;
    }
    // New edges mostly join the newest nodes, with the largest ids: check the end first.
    int at = size > 0 && list[size - 1] < id ? -size - 1 : Arrays.binarySearch(list, 0, size, id);
    if (at >= 0) {
      return;
    }
    at = -at - 1;
    if (size == list.length) {
      list = Arrays.copyOf(list, Slots.grow(size));
      lists[n] = list;
    }
    System.arraycopy(list, at, list, at + 1, size - at);
    list[at] = id;
    sizes[n] = size + 1;
    count++;
  }

  /** Removes {@code id} from under {@code node}, if there. */
  void remove(long node, long id) {
    if (node < 0 || node >= lists.length || lists[(int) node] == null) {
      return;
    }
    int n = (int) node;
    long[] list = lists[n];
    int size = sizes[n];
    int at = Arrays.binarySearch(list, 0, size, id);
    if (at < 0) {
      return;
    }
    System.arraycopy(list, at + 1, list, at, size - at - 1);
    sizes[n] = size - 1;
    count--;
    if (size == 1) {
      lists[n] = null;
    }
  }

  /** Replaces the ids under {@code node} while building: {@code ids} must be ascending. */
  void set(long node, long[] ids) {
    int n = Slots.index(node);
    ensure(n);
    count += ids.length - sizes[n];
    lists[n] = ids.length == 0 ? null : ids;
    sizes[n] = ids.length;
  }

  /** How many ids all nodes hold together. */
  long count() {
    return count;
  }

  private void ensure(int n) {
    if (n >= lists.length) {
      int length = Slots.capacityFor(n);
      lists = Arrays.copyOf(lists, length);
      sizes = Arrays.copyOf(sizes, length);
    }
  }
}

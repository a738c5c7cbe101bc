package dev.cairn.lineage.rocks;

import dev.cairn.lineage.mlmd.Event;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The events of each artifact (or each execution), in arrays indexed by its id, each list in the
 * order of the store's event keys: side, then type number, then the other end's id. Changed in
 * place by one writer at a time; readers are validated by {@link HeapGraph}, and {@link #read}
 * never fails on a torn list.
 */
final class EventLists {
  /** Lists this short are filtered in one pass rather than searched per type. */
  private static final int SCAN_BELOW = 16;

  private static final long ALL_TYPES = mask(EnumSet.allOf(Event.Type.class));

  /** The event types in the order event keys sort them: side, then number. */
  private static final Event.Type[] KEY_ORDER =
      Arrays.stream(Event.Type.values())
          .sorted(
              Comparator.comparingInt((Event.Type t) -> Keys.side(t))
                  .thenComparingInt(Event.Type::getNumber))
          .toArray(Event.Type[]::new);

  private final boolean artifactSide;
  private Event[][] lists = new Event[16][];
  private int[] sizes = new int[16];
  private long count;

  /**
   * @param artifactSide whether the lists hang off artifacts (the other end is the execution) or
   *     off executions
   */
  EventLists(boolean artifactSide) {
    this.artifactSide = artifactSide;
  }

  /** The bit set of {@code types} by type number, as {@link #read} takes it. */
  static long mask(Set<Event.Type> types) {
    long mask = 0;
    for (Event.Type t : types) {
      mask |= 1L << t.getNumber();
    }
    return mask;
  }

  /**
   * Appends the events of {@code node} whose type is in {@code typeMask} (see {@link #mask}) to
   * {@code out}. A long list (a source snapshot read by thousands of steps) is searched type by
   * type, so that walking it upstream does not read all its consumers to find its one producer.
   */
  void read(long node, long typeMask, List<Event> out) {
    Event[][] l = lists;
    int[] s = sizes;
    if (node < 0 || node >= l.length || node >= s.length) {
      return;
    }
    Event[] list = l[(int) node];
    if (list == null) {
      return;
    }
    int size = Math.min(s[(int) node], list.length);
    if (size <= SCAN_BELOW || typeMask == ALL_TYPES) {
      for (int i = 0; i < size; i++) {
        Event e = list[i];
        if (e != null && (typeMask >>> e.getType().getNumber() & 1) != 0) {
          out.add(e);
        }
      }
      return;
    }
    for (Event.Type type : KEY_ORDER) {
      if ((typeMask >>> type.getNumber() & 1) != 0) {
        int at = -search(list, size, Keys.side(type), type.getNumber(), Long.MIN_VALUE) - 1;
        for (; at < size && list[at] != null && list[at].getType() == type; at++) {
          out.add(list[at]);
        }
      }
    }
  }

  /** The stored event of {@code node} with that type and other end, or null. */
  Event find(long node, Event.Type type, long other) {
    if (node < 0 || node >= lists.length || lists[(int) node] == null) {
      return null;
    }
    int at = search(lists[(int) node], sizes[(int) node], Keys.side(type), type.getNumber(), other);
    return at >= 0 ? lists[(int) node][at] : null;
  }

  /** Adds an event of {@code node}; one with the same type and other end is replaced. */
  void add(long node, Event event) {
    int n = Slots.index(node);
    if (n >= lists.length) {
      int length = Slots.capacityFor(n);
      lists = Arrays.copyOf(lists, length);
      sizes = Arrays.copyOf(sizes, length);
    }
    Event[] list = lists[n];
    if (list == null) {
      lists[n] = new Event[] {event};
      sizes[n] = 1;
      count++;
      return;
    }
    int size = sizes[n];
    int at =
        search(list, size, Keys.side(event.getType()), event.getType().getNumber(), other(event));
    if (at >= 0) {
      list[at] = event;
      return;
    }
    at = -at - 1;
    if (size == list.length) {
      list = Arrays.copyOf(list, Slots.grow(size));
      lists[n] = list;
    }
    System.arraycopy(list, at, list, at + 1, size - at);
    list[at] = event;
    sizes[n] = size + 1;
    count++;
  }

  /** Removes the event of {@code node} with that type and other end, if there. */
  void remove(long node, Event.Type type, long other) {
    if (node < 0 || node >= lists.length || lists[(int) node] == null) {
      return;
    }
    int n = (int) node;
    Event[] list = lists[n];
    int size = sizes[n];
    int at = search(list, size, Keys.side(type), type.getNumber(), other);
    if (at < 0) {
      return;
    }
    System.arraycopy(list, at + 1, list, at, size - at - 1);
    list[size - 1] = null;
    sizes[n] = size - 1;
    count--;
    if (size == 1) {
      lists[n] = null;
    }
  }

  /** How many events all lists hold together. */
  long count() {
    return count;
  }

  private long other(Event e) {
    return artifactSide ? e.getExecutionId() : e.getArtifactId();
  }

  /** Binary search by (side, type number, other end), as Arrays.binarySearch answers. */
  private int search(Event[] list, int size, byte side, int type, long other) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Event e = list[mid];
      int c = Byte.compare(Keys.side(e.getType()), side);
      if (c == 0) {
        c = Integer.compare(e.getType().getNumber(), type);
      }
      if (c == 0) {
        c = Long.compare(other(e), other);
      }
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }
}

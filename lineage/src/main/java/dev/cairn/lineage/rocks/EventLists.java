package dev.cairn.lineage.rocks;

import dev.cairn.lineage.mlmd.Event;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The events of each artifact (or each execution), in arrays indexed by its id, each list in the
 * order of the store's event keys: side, then type number, then the other end's id. Beside each
 * list of events is an array of those keys packed into longs (see {@link #key}), padded past the
 * list's end, so that readers search and filter without touching the event objects or the sizes.
 * Changed in place by one writer at a time; readers are validated by {@link HeapGraph}, and {@link
 * #read} never fails on a torn list.
 */
final class EventLists {
  private static final long ALL_TYPES = mask(EnumSet.allOf(Event.Type.class));

  /** A key past every real one, filling a key array beyond its list's size. */
  private static final long PAD = Long.MAX_VALUE;

  private static final int SIDE_SHIFT = 62;
  private static final int TYPE_SHIFT = 54;
  private static final long MAX_OTHER = (1L << TYPE_SHIFT) - 1;

  /** The event types in the order event keys sort them: side, then number. */
  private static final Event.Type[] KEY_ORDER =
      Arrays.stream(Event.Type.values())
          .sorted(
              Comparator.comparingInt((Event.Type t) -> Keys.side(t))
                  .thenComparingInt(Event.Type::getNumber))
          .toArray(Event.Type[]::new);

  /** The mask of each side's types, indexed by side. */
  private static final long[] SIDE_TYPES = {
    sideTypes(Keys.INPUT_SIDE), sideTypes(Keys.OUTPUT_SIDE)
  };

  private final boolean artifactSide;

  /**
   * Node n's packed keys at 2n and its events at 2n+1: side by side, so that a reader finds both in
   * one cache line (the walk is bound by memory latency, not by instructions).
   */
  private Object[] slots = new Object[32];

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
   * {@code out}. Each side wanted whole (as a walk wants it) is one search and a scan; otherwise
   * each type is, so that walking a long list (a source snapshot read by thousands of steps)
   * upstream does not read all its consumers to find its one producer.
   */
  void read(long node, long typeMask, List<Event> out) {
    read(node, typeMask, (key, e) -> out.add(e));
  }

  /** Where {@link #read} puts what it finds: each event with its packed key. */
  interface Sink {
    void accept(long key, Event event);
  }

  /** The other end's id in a key {@link #read} handed out. */
  static long otherOf(long key) {
    return key & MAX_OTHER;
  }

  /** The type number in a key {@link #read} handed out. */
  static int typeNumberOf(long key) {
    return (int) (key >>> TYPE_SHIFT) & 0xFF;
  }

  /** As {@link #read(long, long, List)}, handing each event to {@code out} with its key. */
  void read(long node, long typeMask, Sink out) {
    Object[] s = slots;
    if (node < 0 || node >= s.length / 2) {
      return;
    }
    long[] ks = (long[]) s[2 * (int) node];
    Event[] list = (Event[]) s[2 * (int) node + 1];
    if (list == null || ks == null) {
      return;
    }
    int end = Math.min(list.length, ks.length);
    if ((typeMask & ALL_TYPES) == ALL_TYPES) {
      for (int i = 0; i < end && ks[i] != PAD; i++) {
        add(ks[i], list[i], out);
      }
      return;
    }
    for (byte side = Keys.INPUT_SIDE; side <= Keys.OUTPUT_SIDE; side++) {
      long wanted = typeMask & SIDE_TYPES[side];
      if (wanted == SIDE_TYPES[side]) {
        long first = (long) side << SIDE_SHIFT;
        for (int i = lowerBound(ks, end, first); i < end && sideOf(ks[i]) == side; i++) {
          add(ks[i], list[i], out);
        }
      } else if (wanted != 0) {
        for (Event.Type type : KEY_ORDER) {
          if (Keys.side(type) == side && (wanted >>> type.getNumber() & 1) != 0) {
            long first = key(side, type.getNumber(), 0);
            for (int i = lowerBound(ks, end, first); i < end && typeOf(ks[i]) == type; i++) {
              add(ks[i], list[i], out);
            }
          }
        }
      }
    }
  }

  private static void add(long key, Event e, Sink out) {
    if (e != null) {
      out.accept(key, e);
    }
  }

  /** The stored event of {@code node} with that type and other end, or null. */
  Event find(long node, Event.Type type, long other) {
    if (node < 0 || node >= sizes.length || sizes[(int) node] == 0) {
      return null;
    }
    int n = (int) node;
    int at = Arrays.binarySearch(keysOf(n), 0, sizes[n], key(type, other));
    return at >= 0 ? eventsOf(n)[at] : null;
  }

  /** Adds an event of {@code node}; one with the same type and other end is replaced. */
  void add(long node, Event event) {
    int n = Slots.index(node);
    if (n >= sizes.length) {
      int length = Slots.capacityFor(n);
      slots = Arrays.copyOf(slots, 2 * length);
      sizes = Arrays.copyOf(sizes, length);
    }
    long key = key(event.getType(), other(event));
    int size = sizes[n];
    if (size == 0) {
      set(n, new long[] {key}, new Event[] {event});
      sizes[n] = 1;
      count++;
      return;
    }
    Event[] list = eventsOf(n);
    long[] ks = keysOf(n);
    int at = Arrays.binarySearch(ks, 0, size, key);
    if (at >= 0) {
      list[at] = event;
      return;
    }
    at = -at - 1;
    if (size == list.length) {
      int length = Slots.grow(size);
      list = Arrays.copyOf(list, length);
      ks = Arrays.copyOf(ks, length);
      Arrays.fill(ks, size, length, PAD);
    }
    System.arraycopy(ks, at, ks, at + 1, size - at);
    ks[at] = key;
    System.arraycopy(list, at, list, at + 1, size - at);
    list[at] = event;
    set(n, ks, list);
    sizes[n] = size + 1;
    count++;
  }

  /** Removes the event of {@code node} with that type and other end, if there. */
  void remove(long node, Event.Type type, long other) {
    if (node < 0 || node >= sizes.length || sizes[(int) node] == 0) {
      return;
    }
    int n = (int) node;
    Event[] list = eventsOf(n);
    long[] ks = keysOf(n);
    int size = sizes[n];
    int at = Arrays.binarySearch(ks, 0, size, key(type, other));
    if (at < 0) {
      return;
    }
    System.arraycopy(ks, at + 1, ks, at, size - at - 1);
    ks[size - 1] = PAD;
    System.arraycopy(list, at + 1, list, at, size - at - 1);
    list[size - 1] = null;
    sizes[n] = size - 1;
    count--;
    if (size == 1) {
      set(n, null, null);
    }
  }

  private long[] keysOf(int n) {
    return (long[]) slots[2 * n];
  }

  private Event[] eventsOf(int n) {
    return (Event[]) slots[2 * n + 1];
  }

  private void set(int n, long[] ks, Event[] list) {
    slots[2 * n] = ks;
    slots[2 * n + 1] = list;
  }

  /** How many events all lists hold together. */
  long count() {
    return count;
  }

  private long other(Event e) {
    return artifactSide ? e.getExecutionId() : e.getArtifactId();
  }

  /** An event's place in its list as one long: side, type number, then the other end's id. */
  private static long key(Event.Type type, long other) {
    if (other < 0 || other > MAX_OTHER) {
      throw new IllegalStateException("Cannot index event: node id " + other + " out of range");
    }
    return key(Keys.side(type), type.getNumber(), other);
  }

  private static long key(byte side, int type, long other) {
    return (long) side << SIDE_SHIFT | (long) type << TYPE_SHIFT | other;
  }

  private static int sideOf(long key) {
    return key == PAD ? -1 : (int) (key >>> SIDE_SHIFT);
  }

  private static Event.Type typeOf(long key) {
    return key == PAD ? null : Event.Type.forNumber((int) (key >>> TYPE_SHIFT) & 0xFF);
  }

  /** The first index in {@code ks[0, end)} whose key is at least {@code key}. */
  private static int lowerBound(long[] ks, int end, long key) {
    int lo = 0;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ks[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long sideTypes(byte side) {
    long mask = 0;
    for (Event.Type t : Event.Type.values()) {
      if (Keys.side(t) == side) {
        mask |= 1L << t.getNumber();
      }
    }
    return mask;
  }
}

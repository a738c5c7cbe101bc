package dev.cairn.lineage.rocks;

import dev.cairn.lineage.mlmd.Event;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The events of each artifact (or each execution), indexed by its id, each list in the order of the
 * store's event keys: side, then type number, then the other end's id. Beside each list of events
 * is an array of those keys packed into longs (see {@link #key}) whose first long says how many
 * there are and where the output side starts. A reader thus takes a whole side (what a walk wants)
 * without a search, and filters without touching the event objects: a walk is bound by memory
 * latency, so what it skips reading is what it saves. Changed in place by one writer at a time;
 * readers are validated by {@link HeapGraph}, and {@link #read} never fails on a torn list.
 */
final class EventLists {
  private static final long ALL_TYPES = mask(EnumSet.allOf(Event.Type.class));
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
   * Node n's keys at 2n and its events at 2n+1: side by side, so that a reader finds both in one
   * cache line. The keys array holds a header (size, and the index where the output side starts)
   * and then the key of each event, event i's key at i + 1.
   */
  private Object[] slots = new Object[32];

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

  /**
   * Appends the events of {@code node} whose type is in {@code typeMask} (see {@link #mask}) to
   * {@code out}, in key order.
   */
  void read(long node, long typeMask, List<Event> out) {
    read(node, typeMask, (key, e) -> out.add(e));
  }

  /**
   * As {@link #read(long, long, List)}, handing each event to {@code out} with its key. A side
   * wanted whole is a scan of its range; otherwise each wanted type is searched for within its
   * side, so that walking a long list (a source snapshot read by thousands of steps) does not read
   * all of it to find a few.
   */
  void read(long node, long typeMask, Sink out) {
    Object[] s = slots;
    if (node < 0 || node >= s.length / 2) {
      return;
    }
    long[] ks = (long[]) s[2 * (int) node];
    Event[] list = (Event[]) s[2 * (int) node + 1];
    if (list == null || ks == null || ks.length == 0) {
      return;
    }
    // Clamped to the arrays, so that a torn read answers garbage (which validation rejects) rather
    // than failing.
    int size = Math.max(0, Math.min(sizeOf(ks[0]), Math.min(ks.length - 1, list.length)));
    int outputsAt = Math.max(0, Math.min(outputsAtOf(ks[0]), size));
    for (byte side = Keys.INPUT_SIDE; side <= Keys.OUTPUT_SIDE; side++) {
      long wanted = typeMask & SIDE_TYPES[side];
      int from = side == Keys.INPUT_SIDE ? 0 : outputsAt;
      int to = side == Keys.INPUT_SIDE ? outputsAt : size;
      if (wanted == SIDE_TYPES[side]) {
        for (int i = from; i < to; i++) {
          add(ks[i + 1], list[i], out);
        }
      } else if (wanted != 0 && from < to) {
        for (Event.Type type : KEY_ORDER) {
          if (Keys.side(type) == side && (wanted >>> type.getNumber() & 1) != 0) {
            int t = type.getNumber();
            for (int i = lowerBound(ks, from, to, key(side, t, 0));
                i < to && typeNumberOf(ks[i + 1]) == t;
                i++) {
              add(ks[i + 1], list[i], out);
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
    long[] ks = keysOf(node);
    if (ks == null) {
      return null;
    }
    int at = search(ks, key(type, other));
    return at >= 0 ? eventsOf((int) node)[at] : null;
  }

  /** Adds an event of {@code node}; one with the same type and other end is replaced. */
  void add(long node, Event event) {
    int n = Slots.index(node);
    if (n >= slots.length / 2) {
      slots = Arrays.copyOf(slots, 2 * Slots.capacityFor(n));
    }
    long key = key(event.getType(), other(event));
    boolean input = Keys.side(event.getType()) == Keys.INPUT_SIDE;
    long[] ks = keysOf(n);
    if (ks == null) {
      set(n, new long[] {header(1, input ? 1 : 0), key}, new Event[] {event});
      count++;
      return;
    }
    Event[] list = eventsOf(n);
    int at = search(ks, key);
    if (at >= 0) {
      list[at] = event;
      return;
    }
    at = -at - 1;
    int size = sizeOf(ks[0]);
    if (size == list.length) {
      int length = Slots.grow(size);
      list = Arrays.copyOf(list, length);
      ks = Arrays.copyOf(ks, length + 1);
    }
    System.arraycopy(ks, at + 1, ks, at + 2, size - at);
    ks[at + 1] = key;
    System.arraycopy(list, at, list, at + 1, size - at);
    list[at] = event;
    ks[0] = header(size + 1, outputsAtOf(ks[0]) + (input ? 1 : 0));
    set(n, ks, list);
    count++;
  }

  /** Removes the event of {@code node} with that type and other end, if there. */
  void remove(long node, Event.Type type, long other) {
    long[] ks = keysOf(node);
    if (ks == null) {
      return;
    }
    int n = (int) node;
    int at = search(ks, key(type, other));
    if (at < 0) {
      return;
    }
    int size = sizeOf(ks[0]);
    if (size == 1) {
      set(n, null, null);
      count--;
      return;
    }
    Event[] list = eventsOf(n);
    System.arraycopy(ks, at + 2, ks, at + 1, size - at - 1);
    System.arraycopy(list, at + 1, list, at, size - at - 1);
    list[size - 1] = null;
    boolean input = Keys.side(type) == Keys.INPUT_SIDE;
    ks[0] = header(size - 1, outputsAtOf(ks[0]) - (input ? 1 : 0));
    count--;
  }

  /** How many events all lists hold together. */
  long count() {
    return count;
  }

  private long[] keysOf(long node) {
    return node < 0 || node >= slots.length / 2 ? null : (long[]) slots[2 * (int) node];
  }

  private Event[] eventsOf(int n) {
    return (Event[]) slots[2 * n + 1];
  }

  private void set(int n, long[] ks, Event[] list) {
    slots[2 * n] = ks;
    slots[2 * n + 1] = list;
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

  private static long header(int size, int outputsAt) {
    return (long) size << 32 | outputsAt;
  }

  private static int sizeOf(long header) {
    return (int) (header >>> 32);
  }

  private static int outputsAtOf(long header) {
    return (int) header;
  }

  /** The index of {@code key} among the events, or -(insertion point) - 1. */
  private static int search(long[] ks, long key) {
    int at = Arrays.binarySearch(ks, 1, 1 + sizeOf(ks[0]), key);
    return at >= 0 ? at - 1 : at + 1;
  }

  /** The first event index in [from, to) whose key is at least {@code key}. */
  private static int lowerBound(long[] ks, int from, int to, long key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ks[mid + 1] < key) {
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

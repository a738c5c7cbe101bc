package dev.cairn.lineage.rocks;

import com.google.protobuf.Message;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Decoded artifacts, executions and contexts in arrays indexed by id (one per kind; node ids are
 * unique across namespaces, the namespace check is the caller's), bounded by an estimate of the
 * heap they take. A read is two array loads, where a hash map's lookup cost a walk more than all
 * the rest of it; past the bound, the clock (second chance) policy picks what to drop.
 *
 * <p>Changed only under {@link HeapGraph}'s write lock; read under its optimistic or shared lock,
 * whose validation covers everything read here. Readers only set reference marks, a hint that
 * tolerates lost updates.
 */
final class NodeTable {
  /**
   * A decoded node's heap beyond five times its encoded size: object headers, the map entries of
   * its properties and the strings it decodes to; measured as live heap on the benchmark's
   * artifacts and executions (about 160 encoded bytes each).
   */
  private static final int FIXED_OVERHEAD = 160;

  private static final int SIZE_FACTOR = 5;
  private static final int KINDS = 3;

  private final Message[][] nodes = {new Message[16], new Message[16], new Message[16]};
  private final byte[][] referenced = {new byte[16], new byte[16], new byte[16]};
  private final long maxBytes;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private volatile long bytes;
  private volatile long entries;
  private int handKind;
  private int hand;

  /**
   * Whether the bound was ever reached: until then no node is dropped, and readers need not mark
   * what they use (a write per node read, to memory other readers share).
   */
  private boolean evicting;

  NodeTable(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The heap a decoded node is estimated to take. */
  static int weight(Message node) {
    return FIXED_OVERHEAD + SIZE_FACTOR * node.getSerializedSize();
  }

  /** The node held for {@code id}, or null; marks it recently used. */
  Message get(Cf cf, long id) {
    int kind = GraphIndex.kind(cf);
    Message[] a = nodes[kind];
    if (id < 0 || id >= a.length) {
      return null;
    }
    Message node = a[(int) id];
    if (node != null && evicting) {
      byte[] marks = referenced[kind];
      if (id < marks.length && marks[(int) id] == 0) {
        marks[(int) id] = 1;
      }
    }
    return node;
  }

  /** Counts node reads answered here and read from RocksDB, for {@link #stats}. */
  void count(long hitCount, long missCount) {
    if (hitCount > 0) {
      hits.add(hitCount);
    }
    if (missCount > 0) {
      misses.add(missCount);
    }
  }

  /** Whether a node of {@code weight} joins without pushing another out: for filling at open. */
  boolean hasRoomFor(int weight) {
    return bytes + weight <= maxBytes;
  }

  /** Holds a node the writer just committed, replacing the one held; under the write lock. */
  void put(Cf cf, long id, Message node) {
    int weight = weight(node);
    int kind = GraphIndex.kind(cf);
    int slot = Slots.index(id);
    remove(kind, slot);
    if (weight > maxBytes) {
      return;
    }
    while (bytes + weight > maxBytes) {
      evictOne();
    }
    if (slot >= nodes[kind].length) {
      int length = Slots.capacityFor(slot);
      nodes[kind] = Arrays.copyOf(nodes[kind], length);
      referenced[kind] = Arrays.copyOf(referenced[kind], length);
    }
    nodes[kind][slot] = node;
    referenced[kind][slot] = 0;
    bytes += weight;
    entries++;
  }

  /** Drops the node held for {@code id}, if any; under the write lock. */
  void invalidate(Cf cf, long id) {
    if (id >= 0 && id <= Slots.MAX_ID) {
      remove(GraphIndex.kind(cf), (int) id);
    }
  }

  /**
   * Holds a node a reader loaded from RocksDB, unless a write began after {@code versionRead} (the
   * write version seen before the read; odd while a write is under way): that write may have
   * changed the node after the read, and its own put or invalidation may already be done. Under the
   * write lock, which the writer also holds while it applies a batch, so the check and the put are
   * atomic together.
   */
  void offer(Cf cf, long id, Message node, long versionRead, LongSupplier version) {
    if ((versionRead & 1) == 0 && version.getAsLong() == versionRead) {
      put(cf, id, node);
    }
  }

  /** Drops every node; under the write lock. */
  void clear() {
    for (int kind = 0; kind < KINDS; kind++) {
      nodes[kind] = new Message[16];
      referenced[kind] = new byte[16];
    }
    bytes = 0;
    entries = 0;
    evicting = false;
  }

  /** Hits, misses and the estimated bytes held. */
  record Stats(long hits, long misses, long entries, long bytes, long maxBytes) {}

  Stats stats() {
    return new Stats(hits.sum(), misses.sum(), entries, bytes, maxBytes);
  }

  private void remove(int kind, int slot) {
    Message[] a = nodes[kind];
    if (slot < a.length && a[slot] != null) {
      bytes -= weight(a[slot]);
      entries--;
      a[slot] = null;
    }
  }

  /** Advances the clock hand to a node not used since the hand last passed it, and drops it. */
  private void evictOne() {
    evicting = true;
    while (true) {
      Message[] a = nodes[handKind];
      if (hand >= a.length) {
        handKind = (handKind + 1) % KINDS;
        hand = 0;
        continue;
      }
      int slot = hand++;
      if (a[slot] == null) {
        continue;
      }
      if (referenced[handKind][slot] != 0) {
        referenced[handKind][slot] = 0;
        continue;
      }
      remove(handKind, slot);
      return;
    }
  }
}

package dev.cairn.lineage.rocks;

import com.google.protobuf.Message;
import dev.cairn.lineage.mlmd.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lineage graph in the heap, in front of RocksDB: a complete {@link GraphIndex} of the edges
 * and a bounded {@link NodeTable} of decoded nodes. Every committed batch is applied to both under
 * a write lock, in the writer's own critical section (see {@link Tx.CommitListener}), before the
 * write call returns; reads are optimistic and retried under the read lock if a batch was applied
 * meanwhile, so each read sees whole batches only. Should applying a batch fail, the graph turns
 * itself off ({@link #usable} is false) and the store reads RocksDB as it would without one.
 */
final class HeapGraph implements Tx.CommitListener {
  private static final Logger log = LoggerFactory.getLogger(HeapGraph.class);
  private static final Cf[] NODE_CFS = {Cf.ARTIFACTS, Cf.EXECUTIONS, Cf.CONTEXTS};
  private static final Cf[] MIRRORED = {
    Cf.ARTIFACTS, Cf.EXECUTIONS, Cf.CONTEXTS, Cf.EVENTS, Cf.ATTRIBUTIONS, Cf.ASSOCIATIONS
  };

  private final StampedLock lock = new StampedLock();
  private final GraphIndex index = new GraphIndex();
  private final NodeTable nodes;

  /** Counts write starts and ends: odd while a batch is being written. */
  private volatile long version;

  private volatile boolean usable = true;

  private HeapGraph(NodeTable nodes) {
    this.nodes = nodes;
  }

  /** Reads the edges of the store into the heap and fills the node cache, up to its size. */
  static HeapGraph load(RocksDB db, Map<Cf, ColumnFamilyHandle> handles, HeapGraphOptions options) {
    long t0 = System.nanoTime();
    HeapGraph graph = new HeapGraph(new NodeTable(options.nodeCacheBytes()));
    // Filled in key order until the first node that does not fit, without evicting any.
    boolean filling = options.nodeCacheBytes() > 0;
    for (Cf cf : MIRRORED) {
      try (RocksIterator it = db.newIterator(handles.get(cf))) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] key = it.key();
          byte[] value = it.value();
          graph.index.apply(cf, key, value);
          if (filling && isNode(cf)) {
            Message node = parse(cf, value);
            filling = graph.nodes.hasRoomFor(NodeTable.weight(node));
            if (filling) {
              graph.nodes.put(cf, Keys.trailingId(key), node);
            }
          }
        }
      }
    }
    GraphIndex.Counts c = graph.index.counts();
    log.info(
        "Lineage graph in the heap: {} nodes, {} events, {} memberships, {} nodes cached, in {} ms",
        c.nodes(),
        c.events(),
        c.memberships(),
        graph.nodes.stats().entries(),
        (System.nanoTime() - t0) / 1_000_000);
    return graph;
  }

  boolean usable() {
    return usable;
  }

  long version() {
    return version;
  }

  NodeTable nodes() {
    return nodes;
  }

  /** The namespace's number in the index, or 0 if it holds no node. */
  int namespace(String ns) {
    return index.namespaces().find(ns);
  }

  /**
   * Runs {@code reader} over the index as of one applied batch, or returns null if the graph is no
   * longer usable. The reader must only read, and copy out what it returns.
   */
  <R> R read(Function<GraphIndex, R> reader) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      try {
        R result = reader.apply(index);
        if (lock.validate(stamp)) {
          return usable ? result : null;
        }
      } catch (RuntimeException e) {
        // A torn read of arrays being changed; the locked read below gives the real answer.
      }
    }
    stamp = lock.readLock();
    try {
      return usable ? reader.apply(index) : null;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The events of the given nodes with one of {@code types}, in id order; null if not usable. */
  List<Event> events(boolean ofArtifacts, int ns, long[] sortedIds, Set<Event.Type> types) {
    long mask = EventLists.mask(types);
    return read(
        ix -> {
          List<Event> out = new ArrayList<>();
          for (long id : sortedIds) {
            ix.events(ofArtifacts, ns, id, mask, out);
          }
          return out;
        });
  }

  /**
   * The nodes of namespace {@code ns} among {@code sortedIds} that exist, in id order: held ones
   * from the node table, the others read with {@code fetch} (given their ids, it answers their
   * stored bytes, null where gone) and offered to the table. Null if the graph is no longer usable.
   */
  <T> List<T> nodes(Cf cf, int ns, long[] sortedIds, Function<long[], List<byte[]>> fetch) {
    return nodes(cf, ns, ix -> sortedIds, fetch);
  }

  /**
   * As {@link #nodes(Cf, int, long[], Function)} for the ids {@code idsOf} reads from the index
   * (ascending, distinct), in the same validated read as the nodes held for them.
   */
  @SuppressWarnings("unchecked")
  <T> List<T> nodes(
      Cf cf, int ns, Function<GraphIndex, long[]> idsOf, Function<long[], List<byte[]>> fetch) {
    // Which exist, from the index, and which of those are held, in one validated read.
    Found found =
        read(
            ix -> {
              long[] ids = idsOf.apply(ix);
              long[] present = new long[ids.length];
              // Object[], not Message[]: a store into a typed array loads the node's class word.
              Object[] held = new Object[ids.length];
              int n = 0;
              int misses = 0;
              for (long id : ids) {
                if (ix.has(cf, ns, id)) {
                  held[n] = nodes.get(cf, id);
                  misses += held[n] == null ? 1 : 0;
                  present[n++] = id;
                }
              }
              return new Found(present, held, n, misses);
            });
    if (found == null) {
      return null;
    }
    nodes.count(found.count - found.misses, found.misses);
    if (found.misses > 0) {
      fetchMissing(cf, found, fetch);
    }
    List<T> out = new ArrayList<>(found.count);
    for (int i = 0; i < found.count; i++) {
      if (found.nodes[i] != null) {
        out.add((T) found.nodes[i]);
      }
    }
    return out;
  }

  /** Existing nodes by id and those of them the table held (null where it did not). */
  private record Found(long[] ids, Object[] nodes, int count, int misses) {}

  /** Reads the nodes the table did not hold into {@code found}, and offers them to the table. */
  private void fetchMissing(Cf cf, Found found, Function<long[], List<byte[]>> fetch) {
    long versionRead = version;
    long[] missing = new long[found.misses];
    int[] slots = new int[found.misses];
    int m = 0;
    for (int i = 0; i < found.count; i++) {
      if (found.nodes[i] == null) {
        missing[m] = found.ids[i];
        slots[m++] = i;
      }
    }
    List<byte[]> values = fetch.apply(missing);
    Message[] parsed = new Message[missing.length];
    for (int j = 0; j < missing.length; j++) {
      byte[] bytes = values.get(j);
      if (bytes != null) {
        parsed[j] = parse(cf, bytes);
        found.nodes[slots[j]] = parsed[j];
      }
    }
    long stamp = lock.writeLock();
    try {
      if (usable) {
        for (int j = 0; j < missing.length; j++) {
          if (parsed[j] != null) {
            nodes.offer(cf, missing[j], parsed[j], versionRead, this::version);
          }
        }
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  @Override
  public void committing() {
    version++;
  }

  @Override
  public void committed(Map<Cf, ? extends SortedMap<byte[], byte[]>> writes) {
    long stamp = lock.writeLock();
    try {
      if (!usable) {
        return;
      }
      for (Cf cf : MIRRORED) {
        SortedMap<byte[], byte[]> ofCf = writes.get(cf);
        if (ofCf == null) {
          continue;
        }
        for (Map.Entry<byte[], byte[]> w : ofCf.entrySet()) {
          byte[] value = Tx.isDelete(w.getValue()) ? null : w.getValue();
          index.apply(cf, w.getKey(), value);
          if (isNode(cf)) {
            long id = Keys.trailingId(w.getKey());
            if (value == null) {
              nodes.invalidate(cf, id);
            } else {
              nodes.put(cf, id, parse(cf, value));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      log.error("Cannot apply a committed batch to the in-heap lineage graph; reading RocksDB", e);
      usable = false;
      nodes.clear();
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  @Override
  public void finished() {
    version++;
  }

  GraphIndex.Counts counts() {
    return read(GraphIndex::counts);
  }

  static boolean isNode(Cf cf) {
    return cf == NODE_CFS[0] || cf == NODE_CFS[1] || cf == NODE_CFS[2];
  }

  static Message parse(Cf cf, byte[] bytes) {
    return switch (cf) {
      case ARTIFACTS -> RocksLineageStore.parse(NodeKind.ARTIFACT::parse, bytes);
      case EXECUTIONS -> RocksLineageStore.parse(NodeKind.EXECUTION::parse, bytes);
      case CONTEXTS -> RocksLineageStore.parse(NodeKind.CONTEXT::parse, bytes);
      default -> throw new IllegalArgumentException("Cannot parse nodes of " + cf);
    };
  }
}

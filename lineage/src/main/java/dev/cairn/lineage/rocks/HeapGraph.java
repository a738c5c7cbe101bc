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
 * and a bounded {@link NodeCache}. Every committed batch is applied to both under a write lock, in
 * the writer's own critical section (see {@link Tx.CommitListener}), before the write call returns;
 * reads are optimistic and retried under the read lock if a batch was applied meanwhile, so each
 * read sees whole batches only. Should applying a batch fail, the graph turns itself off ({@link
 * #usable} is false) and the store reads RocksDB as it would without one.
 */
final class HeapGraph implements Tx.CommitListener {
  private static final Logger log = LoggerFactory.getLogger(HeapGraph.class);
  private static final Cf[] NODE_CFS = {Cf.ARTIFACTS, Cf.EXECUTIONS, Cf.CONTEXTS};
  private static final Cf[] MIRRORED = {
    Cf.ARTIFACTS, Cf.EXECUTIONS, Cf.CONTEXTS, Cf.EVENTS, Cf.ATTRIBUTIONS, Cf.ASSOCIATIONS
  };

  private final StampedLock lock = new StampedLock();
  private final GraphIndex index = new GraphIndex();
  private final NodeCache nodes;

  /** Counts write starts and ends: odd while a batch is being written. */
  private volatile long version;

  private volatile boolean usable = true;

  private HeapGraph(NodeCache nodes) {
    this.nodes = nodes;
  }

  /** Reads the edges of the store into the heap and fills the node cache, up to its size. */
  static HeapGraph load(RocksDB db, Map<Cf, ColumnFamilyHandle> handles, HeapGraphOptions options) {
    long t0 = System.nanoTime();
    HeapGraph graph = new HeapGraph(new NodeCache(options.nodeCacheBytes()));
    long budget = options.nodeCacheBytes();
    for (Cf cf : MIRRORED) {
      try (RocksIterator it = db.newIterator(handles.get(cf))) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] key = it.key();
          byte[] value = it.value();
          graph.index.apply(cf, key, value);
          if (budget > 0 && isNode(cf)) {
            Message node = parse(cf, value);
            budget -= NodeCache.weight(node);
            if (budget >= 0) {
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

  NodeCache nodes() {
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
   * The nodes of namespace {@code ns} among {@code sortedIds} that exist, in id order: cached ones
   * from the cache, the others read with {@code fetch} (given their ids, it answers their stored
   * bytes, null where gone) and offered to the cache. Null if the graph is no longer usable.
   */
  @SuppressWarnings("unchecked")
  <T> List<T> nodes(Cf cf, int ns, long[] sortedIds, Function<long[], List<byte[]>> fetch) {
    // Which exist, from the index, and which of those are cached, in one validated read.
    long[] present = new long[sortedIds.length];
    Message[] found = new Message[sortedIds.length];
    Integer count =
        read(
            ix -> {
              int n = 0;
              for (long id : sortedIds) {
                if (ix.has(cf, ns, id)) {
                  found[n] = nodes.get(cf, id);
                  present[n++] = id;
                }
              }
              return n;
            });
    if (count == null) {
      return null;
    }
    int misses = 0;
    for (int i = 0; i < count; i++) {
      if (found[i] == null) {
        misses++;
      }
    }
    if (misses > 0) {
      long versionRead = version;
      long[] missing = new long[misses];
      int[] slots = new int[misses];
      int m = 0;
      for (int i = 0; i < count; i++) {
        if (found[i] == null) {
          missing[m] = present[i];
          slots[m++] = i;
        }
      }
      List<byte[]> values = fetch.apply(missing);
      for (int j = 0; j < misses; j++) {
        byte[] bytes = values.get(j);
        if (bytes != null) {
          Message node = parse(cf, bytes);
          found[slots[j]] = node;
          nodes.offer(cf, missing[j], node, versionRead, this::version);
        }
      }
    }
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (found[i] != null) {
        out.add((T) found[i]);
      }
    }
    return out;
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

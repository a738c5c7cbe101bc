package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Pending writes over the database: reads see what this transaction wrote, and {@link #commit}
 * applies everything in one WriteBatch. Nothing reaches the database before commit, so a call that
 * throws half way leaves no trace. Not thread-safe; the store serializes writers.
 */
final class Tx {
  private static final byte[] DELETED = new byte[0];

  /** The fewest keys {@link #getAll} reads with one multiGet. */
  private static final int MIN_MULTI_GET = 4;

  /**
   * Told about every commit, around the write: {@link #committing} before it, then {@link
   * #committed} with what it wrote once it is durable, and {@link #finished} in either case. Called
   * by the committing thread, so under the store's write lock.
   */
  interface CommitListener {
    CommitListener NONE = new CommitListener() {};

    default void committing() {}

    /**
     * The writes of a committed batch, by column family in key order; a delete's value is the
     * {@link #isDelete deleted} marker.
     */
    default void committed(Map<Cf, ? extends SortedMap<byte[], byte[]>> writes) {}

    default void finished() {}
  }

  private final RocksDB db;
  private final Map<Cf, ColumnFamilyHandle> handles;
  private final CommitListener listener;
  private final Map<Cf, TreeMap<byte[], byte[]>> pending = new EnumMap<>(Cf.class);

  Tx(RocksDB db, Map<Cf, ColumnFamilyHandle> handles) {
    this(db, handles, CommitListener.NONE);
  }

  Tx(RocksDB db, Map<Cf, ColumnFamilyHandle> handles, CommitListener listener) {
    this.db = db;
    this.handles = handles;
    this.listener = listener;
  }

  /** Whether a value handed to {@link CommitListener#committed} stands for a delete. */
  static boolean isDelete(byte[] value) {
    return value == DELETED;
  }

  /** The value under key, or null. */
  byte[] get(Cf cf, byte[] key) {
    TreeMap<byte[], byte[]> mine = pending.get(cf);
    if (mine != null && mine.containsKey(key)) {
      byte[] v = mine.get(key);
      return v == DELETED ? null : v;
    }
    try {
      return db.get(handles.get(cf), key);
    } catch (RocksDBException e) {
      throw new LineageException("Cannot read lineage store: " + e.getMessage(), e);
    }
  }

  /**
   * The values under keys, null where absent, in the order of keys. Without writes of ours in
   * {@code cf} (every read-only call) it is one multiGet: one crossing into RocksDB per batch
   * rather than one per key.
   */
  List<byte[]> getAll(Cf cf, List<byte[]> keys) {
    // A multiGet sets up more per call than a get: perf/lineage-bench.sh found it faster for the
    // twenty-odd nodes of a run context but slower for the one to three of a walk's frontier.
    if (keys.size() < MIN_MULTI_GET || pending.containsKey(cf)) {
      List<byte[]> out = new ArrayList<>(keys.size());
      for (byte[] key : keys) {
        out.add(get(cf, key));
      }
      return out;
    }
    try {
      return db.multiGetAsList(Collections.nCopies(keys.size(), handles.get(cf)), keys);
    } catch (RocksDBException e) {
      throw new LineageException("Cannot read lineage store: " + e.getMessage(), e);
    }
  }

  void put(Cf cf, byte[] key, byte[] value) {
    mine(cf).put(key, value);
  }

  void delete(Cf cf, byte[] key) {
    mine(cf).put(key, DELETED);
  }

  /** Key/value pairs whose key starts with prefix, in key order. */
  List<Map.Entry<byte[], byte[]>> scan(Cf cf, byte[] prefix) {
    if (!pending.containsKey(cf)) {
      // Nothing of ours to merge (every read-only call): the iterator's order is the answer.
      List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
      try (RocksIterator it = db.newIterator(handles.get(cf))) {
        for (it.seek(prefix); it.isValid(); it.next()) {
          byte[] key = it.key();
          if (!startsWith(key, prefix)) {
            break;
          }
          out.add(Map.entry(key, it.value()));
        }
      }
      return out;
    }
    TreeMap<byte[], byte[]> out = new TreeMap<>(Arrays::compareUnsigned);
    try (RocksIterator it = db.newIterator(handles.get(cf))) {
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        out.put(it.key(), it.value());
      }
    }
    TreeMap<byte[], byte[]> mine = pending.get(cf);
    if (mine != null) {
      for (Map.Entry<byte[], byte[]> e : mine.tailMap(prefix, true).entrySet()) {
        if (!startsWith(e.getKey(), prefix)) {
          break;
        }
        if (e.getValue() == DELETED) {
          out.remove(e.getKey());
        } else {
          out.put(e.getKey(), e.getValue());
        }
      }
    }
    return new ArrayList<>(out.entrySet());
  }

  /** Allocates the next id of a counter (ids start at 1). */
  long nextId(String counter) {
    byte[] key = ("next_id/" + counter).getBytes(StandardCharsets.UTF_8);
    byte[] current = get(Cf.META, key);
    long id = current == null ? 1 : Keys.longValue(current);
    put(Cf.META, key, Keys.longValue(id + 1));
    return id;
  }

  void commit(WriteOptions options) {
    if (pending.isEmpty()) {
      // Nothing changed (a link or type that already exists): a synced empty batch would still
      // sync the WAL, nearly as slow as a real write.
      return;
    }
    listener.committing();
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<Cf, TreeMap<byte[], byte[]>> cf : pending.entrySet()) {
        ColumnFamilyHandle handle = handles.get(cf.getKey());
        for (Map.Entry<byte[], byte[]> e : cf.getValue().entrySet()) {
          if (e.getValue() == DELETED) {
            batch.delete(handle, e.getKey());
          } else {
            batch.put(handle, e.getKey(), e.getValue());
          }
        }
      }
      db.write(options, batch);
      listener.committed(pending);
    } catch (RocksDBException e) {
      throw new LineageException("Cannot write lineage store: " + e.getMessage(), e);
    } finally {
      listener.finished();
    }
    pending.clear();
  }

  private TreeMap<byte[], byte[]> mine(Cf cf) {
    return pending.computeIfAbsent(cf, c -> new TreeMap<>(Arrays::compareUnsigned));
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}

package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Read-only access to one RocksDB snapshot, so that everything one listing call reads (index
 * entries, nodes, neighbours) is from the same moment even while writers commit. Unlike {@link Tx}
 * it streams: {@link #ids} walks an index without materializing it. Close it to release the
 * snapshot; not thread-safe.
 */
final class ReadView implements AutoCloseable {
  private final RocksDB db;
  private final Map<Cf, ColumnFamilyHandle> handles;
  private final Snapshot snapshot;
  private final ReadOptions options;

  ReadView(RocksDB db, Map<Cf, ColumnFamilyHandle> handles) {
    this.db = db;
    this.handles = handles;
    this.snapshot = db.getSnapshot();
    this.options = new ReadOptions().setSnapshot(snapshot);
  }

  /** The value under key, or null. */
  byte[] get(Cf cf, byte[] key) {
    try {
      return db.get(handles.get(cf), options, key);
    } catch (RocksDBException e) {
      throw new LineageException("Cannot read lineage store: " + e.getMessage(), e);
    }
  }

  /** Key/value pairs whose key starts with prefix, in key order; for short neighbour lists. */
  List<Map.Entry<byte[], byte[]>> scan(Cf cf, byte[] prefix) {
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(handles.get(cf), options)) {
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        out.add(Map.entry(it.key(), it.value()));
      }
    }
    return out;
  }

  /**
   * Streams the ids of the keys {@code prefix + id} in {@code range}, in its direction. Keys under
   * the prefix must all be the prefix plus one big-endian id.
   */
  IdStream ids(Cf cf, byte[] prefix, IdRange range) {
    if (range.isEmpty()) {
      return IdStream.EMPTY;
    }
    return new IndexIdStream(db.newIterator(handles.get(cf), options), prefix, range);
  }

  @Override
  public void close() {
    options.close();
    db.releaseSnapshot(snapshot);
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}

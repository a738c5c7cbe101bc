package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.index.RocksIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A temporary RocksDB on disk for one collection's working sets (marks, the condemned set), so a
 * repository of any size is collected in bounded heap. Keys are a one-byte kind and a blob id.
 * Nothing in it needs to survive a crash: a collection that dies starts again. Deleted on close.
 * Thread safe.
 */
final class ScratchDb implements AutoCloseable {
  private static final byte[] EMPTY = new byte[0];

  private final Path dir;
  private final Options options;
  private final WriteOptions writes;
  private final RocksDB db;

  ScratchDb(Path scratch) {
    RocksIndex.loadNativeLibrary();
    try {
      this.dir = Files.createTempDirectory(scratch, "gc-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create GC scratch space in " + scratch, e);
    }
    this.options =
        new Options()
            .setCreateIfMissing(true)
            // Native memory, not heap; small, since keys are 33 bytes.
            .setWriteBufferSize(16L << 20)
            .setTableFormatConfig(
                new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)));
    this.writes = new WriteOptions().setDisableWAL(true);
    try {
      this.db = RocksDB.open(options, dir.toString());
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot open GC scratch space in " + dir + ": " + e, e);
    }
  }

  boolean contains(byte kind, ObjectId id) {
    byte[] key = key(kind, id);
    return db.keyMayExist(key, null) && find(key).isPresent();
  }

  Optional<byte[]> find(byte kind, ObjectId id) {
    return find(key(kind, id));
  }

  private Optional<byte[]> find(byte[] key) {
    try {
      return Optional.ofNullable(db.get(key));
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot read GC scratch space in " + dir + ": " + e, e);
    }
  }

  void put(byte kind, ObjectId id) {
    put(kind, id, EMPTY);
  }

  void put(byte kind, ObjectId id, byte[] value) {
    try {
      db.put(writes, key(kind, id), value);
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot write GC scratch space in " + dir + ": " + e, e);
    }
  }

  private static byte[] key(byte kind, ObjectId id) {
    byte[] raw = id.toBytes();
    byte[] key = new byte[raw.length + 1];
    key[0] = kind;
    System.arraycopy(raw, 0, key, 1, raw.length);
    return key;
  }

  @Override
  public void close() {
    db.close();
    writes.close();
    options.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete GC scratch space " + dir, e);
    }
  }
}

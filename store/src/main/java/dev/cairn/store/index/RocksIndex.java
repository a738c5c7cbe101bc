package dev.cairn.store.index;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.proto.BlobLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The repository's RocksDB: blob locations, the pack list, the snapshot catalog, refs and their
 * log, and the file stat cache. Everything but refs can be rebuilt from the object backend. Thread
 * safe. One process at a time holds it (RocksDB's own lock); others wait up to a timeout.
 */
public final class RocksIndex implements AutoCloseable {
  static {
    NativeLoader.load();
  }

  /**
   * Loads RocksDB's native library from Cairn's extracted copy (no per-process extraction, no ldd
   * probe). Other RocksDB users in the same process (driver state, lineage) call this first, so
   * their own {@code RocksDB.loadLibrary()} finds it already loaded. Idempotent.
   */
  public static void loadNativeLibrary() {
    // Running the static initializer above is the whole job.
  }

  /** Column families, in the order they are opened. */
  public enum Table {
    BLOBS,
    PACKS,
    SNAPSHOTS,
    REFS,
    REFLOG,
    FILECACHE,
    /** Blobs garbage collection condemned: id -> when, and by which run (see Condemnations). */
    CONDEMNED;

    byte[] cfName() {
      return name().toLowerCase().getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final WriteOptions syncWrite = new WriteOptions().setSync(true);
  private final WriteOptions asyncWrite = new WriteOptions();

  private final boolean readOnly;

  private RocksIndex(Path dir, Duration lockTimeout, boolean readOnly) {
    this.dir = dir;
    this.readOnly = readOnly;
    // Every table file stays open: a read-only reader then survives a writer compacting files away.
    this.dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setKeepLogFileNum(2)
            .setMaxTotalWalSize(64L << 20)
            .setMaxOpenFiles(-1);
    BlockBasedTableConfig table =
        new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false));
    this.cfOptions = new ColumnFamilyOptions().setTableFormatConfig(table);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (Table t : Table.values()) {
      descriptors.add(new ColumnFamilyDescriptor(t.cfName(), cfOptions));
    }
    this.db = readOnly ? openReadOnly(descriptors) : openWithRetry(descriptors, lockTimeout);
  }

  /**
   * Opens or creates the index in {@code dir}, waiting up to {@code lockTimeout} for another
   * process.
   */
  public static RocksIndex open(Path dir, Duration lockTimeout) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new UnavailableException(
          "Cannot create index directory " + dir + ": " + e.getMessage(), e);
    }
    return new RocksIndex(dir, lockTimeout, false);
  }

  /**
   * Opens an existing index for reading only. Takes no lock, so it works while another process
   * writes; it sees the index as it was when opened.
   */
  public static RocksIndex openReadOnly(Path dir) {
    return new RocksIndex(dir, Duration.ZERO, true);
  }

  private RocksDB openReadOnly(List<ColumnFamilyDescriptor> descriptors) {
    try {
      return RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      throw new UnavailableException(
          "Cannot open repository index " + dir + " for reading: " + e.getMessage(), e);
    }
  }

  public boolean readOnly() {
    return readOnly;
  }

  private RocksDB openWithRetry(List<ColumnFamilyDescriptor> descriptors, Duration lockTimeout) {
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    long backoff = 20;
    while (true) {
      try {
        handles.clear();
        return RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      } catch (RocksDBException e) {
        boolean locked = String.valueOf(e.getMessage()).toLowerCase().contains("lock");
        if (!locked || System.nanoTime() > deadline) {
          throw new UnavailableException(
              locked
                  ? "Cannot open repository index "
                      + dir
                      + ": another cairn process is using it (waited "
                      + lockTimeout.toSeconds()
                      + "s)"
                  : "Cannot open repository index " + dir + ": " + e.getMessage(),
              e);
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, 500);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while waiting for the repository lock", e);
    }
  }

  ColumnFamilyHandle cf(Table t) {
    return handles.get(t.ordinal() + 1);
  }

  public Optional<byte[]> get(Table t, byte[] key) {
    try {
      return Optional.ofNullable(db.get(cf(t), key));
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  /** Values of many keys in one call (null where absent), in key order. */
  public List<byte[]> multiGet(Table t, List<byte[]> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    try {
      return db.multiGetAsList(java.util.Collections.nCopies(keys.size(), cf(t)), keys);
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  public <T extends MessageLite> Optional<T> get(Table t, byte[] key, Parser<T> parser) {
    return get(t, key).map(v -> parse(parser, v, t));
  }

  /** Fast existence check: the bloom filter answers most misses without I/O. */
  public boolean contains(Table t, byte[] key) {
    if (!db.keyMayExist(cf(t), key, null)) {
      return false;
    }
    return get(t, key).isPresent();
  }

  public Optional<BlobLocation> findBlob(ObjectId id) {
    return get(Table.BLOBS, id.toBytes(), BlobLocation.parser());
  }

  /** Visits every key/value whose key starts with {@code prefix}, in key order. */
  public void scan(Table t, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    try (RocksIterator it = db.newIterator(cf(t))) {
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        visitor.accept(it.key(), it.value());
      }
    }
  }

  /** Whether a table has no entry at all (one seek, whatever its size). */
  public boolean isEmpty(Table t) {
    try (RocksIterator it = db.newIterator(cf(t))) {
      it.seekToFirst();
      return !it.isValid();
    }
  }

  public <T extends MessageLite> void scan(
      Table t, byte[] prefix, Parser<T> parser, BiConsumer<byte[], T> visitor) {
    scan(t, prefix, (k, v) -> visitor.accept(k, parse(parser, v, t)));
  }

  public Batch newBatch() {
    return new Batch(this);
  }

  /** Applies a batch atomically; {@code durable} syncs the WAL before returning. */
  void write(WriteBatch batch, boolean durable) {
    if (readOnly) {
      throw new InvalidArgumentException(
          "Cannot write to repository index " + dir + ": it was opened read-only");
    }
    try {
      db.write(durable ? syncWrite : asyncWrite, batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  /** Removes every entry of a table (used when rebuilding it). */
  public void clear(Table t) {
    if (readOnly) {
      throw new InvalidArgumentException(
          "Cannot rebuild repository index " + dir + ": it was opened read-only");
    }
    try (RocksIterator it = db.newIterator(cf(t))) {
      it.seekToFirst();
      if (!it.isValid()) {
        return;
      }
      byte[] first = it.key();
      it.seekToLast();
      byte[] last = it.key();
      db.deleteRange(cf(t), first, last);
      db.delete(cf(t), last);
    } catch (RocksDBException e) {
      throw failure("clear", e);
    }
  }

  public Path directory() {
    return dir;
  }

  private <T extends MessageLite> T parse(Parser<T> parser, byte[] value, Table t) {
    try {
      return parser.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException(
          "Index table "
              + t
              + " in "
              + dir
              + " holds an unreadable value; run 'cairn check --rebuild-index'",
          e);
    }
  }

  private UnavailableException failure(String op, RocksDBException e) {
    return new UnavailableException(
        "Cannot " + op + " repository index " + dir + ": " + e.getMessage(), e);
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    try {
      if (!readOnly) {
        db.syncWal();
      }
    } catch (RocksDBException ignored) {
      // Closing still flushes memtables; a failed WAL sync only loses what was never acknowledged
      // durable.
    }
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    syncWrite.close();
    asyncWrite.close();
    cfOptions.close();
    dbOptions.close();
  }
}

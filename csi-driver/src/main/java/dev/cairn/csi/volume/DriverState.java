package dev.cairn.csi.volume;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.cairn.csi.state.CacheState;
import dev.cairn.csi.state.PublicationState;
import dev.cairn.csi.state.SnapshotState;
import dev.cairn.csi.state.VolumeState;
import dev.cairn.store.CorruptException;
import dev.cairn.store.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The driver's durable state in its own RocksDB under the state directory: volumes, CSI snapshots,
 * publications and cache entries, each keyed by id so listings come out sorted. Every write is
 * synced, so a driver restart loses nothing. Thread safe.
 */
final class DriverState implements AutoCloseable {
  enum Table {
    VOLUMES,
    SNAPSHOTS,
    PUBLICATIONS,
    CACHES
  }

  private final Path dir;
  private final DBOptions options;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final WriteOptions sync = new WriteOptions().setSync(true);

  DriverState(Path dir) {
    this.dir = dir;
    dev.cairn.store.index.RocksIndex.loadNativeLibrary();
    this.options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setKeepLogFileNum(2);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    for (Table t : Table.values()) {
      descriptors.add(
          new ColumnFamilyDescriptor(t.name().toLowerCase().getBytes(StandardCharsets.US_ASCII)));
    }
    try {
      Files.createDirectories(dir);
      this.db = RocksDB.open(options, dir.toString(), descriptors, handles);
    } catch (java.io.IOException | RocksDBException e) {
      throw new UnavailableException("Cannot open driver state " + dir + ": " + e.getMessage(), e);
    }
  }

  private ColumnFamilyHandle cf(Table t) {
    return handles.get(t.ordinal() + 1);
  }

  static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  void put(Table t, String key, MessageLite value) {
    try {
      db.put(cf(t), sync, key(key), value.toByteArray());
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot write driver state " + dir + ": " + e.getMessage(), e);
    }
  }

  void delete(Table t, String key) {
    try {
      db.delete(cf(t), sync, key(key));
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot write driver state " + dir + ": " + e.getMessage(), e);
    }
  }

  <T extends MessageLite> Optional<T> find(Table t, String key, Parser<T> parser) {
    try {
      byte[] v = db.get(cf(t), key(key));
      return v == null ? Optional.empty() : Optional.of(parser.parseFrom(v));
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot read driver state " + dir + ": " + e.getMessage(), e);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException(
          "Driver state " + dir + " holds an unreadable " + t + " entry '" + key + "'", e);
    }
  }

  /** Every value whose key starts with {@code prefix}, in key order. */
  <T extends MessageLite> List<T> list(Table t, String prefix, Parser<T> parser) {
    byte[] p = key(prefix);
    List<T> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(cf(t))) {
      for (it.seek(p); it.isValid() && startsWith(it.key(), p); it.next()) {
        out.add(parser.parseFrom(it.value()));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Driver state " + dir + " holds an unreadable " + t + " entry", e);
    }
    return out;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  Optional<VolumeState> volume(String id) {
    return find(Table.VOLUMES, id, VolumeState.parser());
  }

  Optional<SnapshotState> snapshot(String id) {
    return find(Table.SNAPSHOTS, id, SnapshotState.parser());
  }

  /** Publication keys: volume id, NUL, target path, so one volume's publications are a prefix. */
  static String publicationKey(String volumeId, String target) {
    return volumeId + "\0" + target;
  }

  List<PublicationState> publications(String volumeId) {
    return list(Table.PUBLICATIONS, volumeId + "\0", PublicationState.parser());
  }

  List<CacheState> caches() {
    return list(Table.CACHES, "", CacheState.parser());
  }

  @Override
  public void close() {
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    sync.close();
    options.close();
  }
}

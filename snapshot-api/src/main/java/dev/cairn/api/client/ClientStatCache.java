package dev.cairn.api.client;

import dev.cairn.store.FileStat;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.ObjectId;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's memory of which file node each local file had when it was last uploaded to one
 * server repository: path to (size, mtime, ctime, inode, file node), 64 bytes plus the path per
 * file, in a small RocksDB of its own. What a snapshot learns is kept back until its commit
 * succeeded, so the cache only names file nodes whose whole closure the server once verified.
 */
final class ClientStatCache implements FileStatCache, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClientStatCache.class);
  private static final int VALUE_BYTES = 4 * 8 + ObjectId.LENGTH;

  private final RocksIndex index;
  private final ConcurrentLinkedQueue<byte[][]> learned = new ConcurrentLinkedQueue<>();

  private ClientStatCache(RocksIndex index) {
    this.index = index;
  }

  /**
   * The cache in {@code dir}, or none when another process holds it (that snapshot then reads every
   * file: correct, only slower).
   */
  static Optional<ClientStatCache> open(Path dir) {
    try {
      return Optional.of(new ClientStatCache(RocksIndex.open(dir, Duration.ofSeconds(2))));
    } catch (UnavailableException e) {
      log.warn("Not using the stat cache {}: {}", dir, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Optional<ObjectId> find(Path file, FileStat stat) {
    return index
        .get(Table.FILECACHE, key(file))
        .filter(v -> v.length == VALUE_BYTES && matches(ByteBuffer.wrap(v), stat))
        .map(v -> ObjectId.of(java.util.Arrays.copyOfRange(v, 32, VALUE_BYTES)));
  }

  private static boolean matches(ByteBuffer v, FileStat stat) {
    return v.getLong() == stat.size()
        && v.getLong() == stat.mtimeNanos()
        && v.getLong() == stat.ctimeNanos()
        && v.getLong() == stat.inode();
  }

  @Override
  public void remember(Path file, FileStat stat, ObjectId fileNode) {
    byte[] value =
        ByteBuffer.allocate(VALUE_BYTES)
            .putLong(stat.size())
            .putLong(stat.mtimeNanos())
            .putLong(stat.ctimeNanos())
            .putLong(stat.inode())
            .put(fileNode.toBytes())
            .array();
    learned.add(new byte[][] {key(file), value});
  }

  /** Drops what a snapshot that did not commit learned. */
  void discardLearned() {
    learned.clear();
  }

  /** Keeps what the snapshot just committed learned. */
  void save() {
    try (Batch batch = index.newBatch()) {
      byte[][] kv;
      while ((kv = learned.poll()) != null) {
        batch.put(Table.FILECACHE, kv[0], kv[1]);
      }
      batch.commit();
    }
  }

  /** Drops what was learned and everything remembered below {@code dir}: none of it is trusted. */
  void forget(Path dir) {
    learned.clear();
    List<byte[]> keys = new ArrayList<>();
    index.scan(Table.FILECACHE, key(dir), (k, v) -> keys.add(k));
    try (Batch batch = index.newBatch()) {
      keys.forEach(k -> batch.delete(Table.FILECACHE, k));
      batch.commit();
    }
  }

  private static byte[] key(Path file) {
    return file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    index.close();
  }
}

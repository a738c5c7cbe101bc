package dev.cairn.store.index;

import com.google.protobuf.MessageLite;
import dev.cairn.store.UnavailableException;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Writes that become visible together, or not at all. Not thread safe; use once. */
public final class Batch implements AutoCloseable {
  private final RocksIndex index;
  private final WriteBatch batch = new WriteBatch();

  Batch(RocksIndex index) {
    this.index = index;
  }

  public Batch put(RocksIndex.Table t, byte[] key, byte[] value) {
    try {
      batch.put(index.cf(t), key, value);
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot stage index write: " + e.getMessage(), e);
    }
    return this;
  }

  public Batch put(RocksIndex.Table t, byte[] key, MessageLite value) {
    return put(t, key, value.toByteArray());
  }

  public Batch delete(RocksIndex.Table t, byte[] key) {
    try {
      batch.delete(index.cf(t), key);
    } catch (RocksDBException e) {
      throw new UnavailableException("Cannot stage index delete: " + e.getMessage(), e);
    }
    return this;
  }

  public int count() {
    return batch.count();
  }

  /** Applies the batch and syncs it to disk before returning. */
  public void commitDurably() {
    index.write(batch, true);
  }

  /** Applies the batch; it survives a process crash but maybe not a power loss. */
  public void commit() {
    index.write(batch, false);
  }

  @Override
  public void close() {
    batch.close();
  }
}

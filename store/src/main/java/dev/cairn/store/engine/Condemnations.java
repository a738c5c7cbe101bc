package dev.cairn.store.engine;

import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The blobs garbage collection condemned, kept in the index's CONDEMNED table so that later runs
 * and every writer see them, and the one lock that makes reviving a blob and dropping it mutually
 * exclusive. A writer that relies on an indexed blob calls {@link #keep}: under the lock it either
 * finds the blob indexed and clears its condemnation, or finds it gone and stores it again. The
 * sweep drops only blobs still condemned, under the same lock, so no writer can count on a blob
 * that is then deleted. Thread safe.
 */
final class Condemnations {
  private static final int VALUE_LENGTH = 24;

  /** Keys per index read in {@link #keepAll}. */
  static final int KEEP_BATCH = 4096;

  private final RocksIndex index;
  private final WriterSessions sessions;
  private final ReentrantLock lock = new ReentrantLock();
  // Session stamps of this process's condemnation batches, taken once each batch was visible: a
  // writer that started before that may have relied on a blob of the batch without reviving it.
  private final Map<Long, Long> stamps = new ConcurrentHashMap<>();
  private final AtomicLong batches = new AtomicLong();
  // Packs being stored and not yet indexed: unindexed but not orphans, whatever their age.
  private final Set<ObjectId> storing = ConcurrentHashMap.newKeySet();
  // Tells condemnations of this process apart from those of earlier ones, which no writer of this
  // process can have relied on without reviving.
  private final long incarnation = new SecureRandom().nextLong();
  // Writers skip the lock, and revive no whole closures, while nothing is condemned: the common
  // case costs nothing. Set before a condemnation is written; cleared when a drop leaves the table
  // empty, which is then the state of a fresh process (writers that began before the next
  // condemnation are covered by their sessions, those after see the flag).
  private volatile boolean any;

  Condemnations(RocksIndex index, WriterSessions sessions) {
    this.index = index;
    this.sessions = sessions;
    this.any = !index.isEmpty(Table.CONDEMNED);
  }

  /** Whether anything is condemned; while not, {@link #keep} is a plain lookup. */
  boolean anyCondemned() {
    return any;
  }

  /**
   * For a writer about to reference an indexed blob instead of storing it: whether the blob is
   * indexed, reviving it if it was condemned. False means it is not (or no longer) stored.
   */
  boolean keep(ObjectId id) {
    byte[] key = id.toBytes();
    if (!any) {
      return index.contains(Table.BLOBS, key);
    }
    lock.lock();
    try {
      if (!index.contains(Table.BLOBS, key)) {
        return false;
      }
      if (index.contains(Table.CONDEMNED, key)) {
        try (Batch batch = index.newBatch()) {
          // Not synced: the snapshot that relies on the blob syncs the log when it commits.
          batch.delete(Table.CONDEMNED, key).commit();
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #keep} for many blobs at once: one index read for all (per {@link #KEEP_BATCH}), and
   * while anything is condemned, one hold of the lock. Element {@code i} of the answer tells
   * whether {@code ids.get(i)} is indexed, revived if it was condemned.
   */
  List<Boolean> keepAll(List<ObjectId> ids) {
    List<Boolean> out = new ArrayList<>(ids.size());
    for (int from = 0; from < ids.size(); from += KEEP_BATCH) {
      List<byte[]> keys =
          ids.subList(from, Math.min(ids.size(), from + KEEP_BATCH)).stream()
              .map(ObjectId::toBytes)
              .toList();
      out.addAll(any ? keepLocked(keys) : present(index.multiGet(Table.BLOBS, keys)));
    }
    return out;
  }

  private List<Boolean> keepLocked(List<byte[]> keys) {
    lock.lock();
    try (Batch batch = index.newBatch()) {
      List<Boolean> indexed = present(index.multiGet(Table.BLOBS, keys));
      List<byte[]> condemnedNow = index.multiGet(Table.CONDEMNED, keys);
      boolean revived = false;
      for (int i = 0; i < keys.size(); i++) {
        if (indexed.get(i) && condemnedNow.get(i) != null) {
          // Not synced: the snapshot that relies on the blob syncs the log when it commits.
          batch.delete(Table.CONDEMNED, keys.get(i));
          revived = true;
        }
      }
      if (revived) {
        batch.commit();
      }
      return indexed;
    } finally {
      lock.unlock();
    }
  }

  private static List<Boolean> present(List<byte[]> values) {
    List<Boolean> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(v != null));
    return out;
  }

  /**
   * Stores and indexes a pack (see {@link BlobStore}): while {@code store} runs, the pack is known
   * to be in flight, so garbage collection never takes it for an orphan of a crash, however old the
   * storage says it is (a multipart upload is as old as its start). Indexing runs under the lock,
   * after which the index itself keeps the pack.
   */
  <T> T storing(ObjectId pack, Supplier<T> store) {
    // Registered under the lock, so that a deletion (which checks and deletes under it) either
    // sees the pack in flight, or finished before the writer's put, which then writes it anew.
    locked(() -> storing.add(pack));
    try {
      return store.get();
    } finally {
      storing.remove(pack);
    }
  }

  /** Whether a pack is being stored right now; ask under the lock. */
  boolean inFlight(ObjectId pack) {
    return storing.contains(pack);
  }

  /** Runs {@code action} under the revival lock (pack indexing and pack deletion). */
  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Records durably that {@code ids} were condemned at {@code at} (storage time). */
  void condemn(List<ObjectId> ids, Instant at) {
    any = true;
    long batchNo = batches.incrementAndGet();
    byte[] value =
        ByteBuffer.allocate(VALUE_LENGTH)
            .putLong(at.toEpochMilli())
            .putLong(incarnation)
            .putLong(batchNo)
            .array();
    try (Batch batch = index.newBatch()) {
      for (ObjectId id : ids) {
        batch.put(Table.CONDEMNED, id.toBytes(), value);
      }
      batch.commitDurably();
    }
    stamps.put(batchNo, sessions.stamp());
  }

  /** Forgets stale condemnations of blobs stored anew (staged in the batch that indexes them). */
  static void clear(Batch batch, byte[] key) {
    batch.delete(Table.CONDEMNED, key);
  }

  /** Lifts the condemnation of blobs that are referenced again. */
  void pardon(List<ObjectId> ids) {
    try (Batch batch = index.newBatch()) {
      for (ObjectId id : ids) {
        batch.delete(Table.CONDEMNED, id.toBytes());
      }
      batch.commitDurably();
    }
  }

  /**
   * Removes from the index, in one durable step under the lock, each of {@code ids} that is still
   * condemned; a revived one stays. Returns the ids removed.
   */
  List<ObjectId> drop(List<ObjectId> ids) {
    List<byte[]> keys = ids.stream().map(ObjectId::toBytes).toList();
    List<ObjectId> dropped = new ArrayList<>();
    lock.lock();
    try (Batch batch = index.newBatch()) {
      List<byte[]> found = index.multiGet(Table.CONDEMNED, keys);
      for (int i = 0; i < ids.size(); i++) {
        if (found.get(i) != null) {
          batch.delete(Table.BLOBS, keys.get(i)).delete(Table.CONDEMNED, keys.get(i));
          dropped.add(ids.get(i));
        }
      }
      batch.commitDurably();
      if (index.isEmpty(Table.CONDEMNED)) {
        any = false;
      }
    } finally {
      lock.unlock();
    }
    return dropped;
  }

  /** Visits every condemned blob in id order. */
  void scan(GcStorage.CondemnedVisitor visitor) {
    index.scan(
        Table.CONDEMNED,
        new byte[0],
        (k, v) -> {
          ByteBuffer b = ByteBuffer.wrap(v);
          Instant at = Instant.ofEpochMilli(b.getLong());
          // Unknown batch of this process: not yet visible to all, so never safe yet.
          long stamp =
              v.length == VALUE_LENGTH && b.getLong() == incarnation
                  ? stamps.getOrDefault(b.getLong(), Long.MAX_VALUE)
                  : 0;
          visitor.visit(ObjectId.of(k), new GcStorage.Condemnation(at, stamp));
        });
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.CrashPoints;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Snapshot;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex.Table;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes a snapshot whose blobs are all stored durable and visible, in the order that makes a crash
 * harmless: the snapshot object first, then its catalog entry, the ref's compare-and-swap and any
 * staged extras in one synced batch under the ref lock.
 */
final class SnapshotCommitter {
  private final DefaultRepository repo;

  /** The stored snapshot, and what happened to its ref (CONFLICT leaves the ref alone). */
  record Committed(Snapshot snapshot, RefUpdate refUpdate) {}

  SnapshotCommitter(DefaultRepository repo) {
    this.repo = repo;
  }

  /**
   * Stores {@code draft} (its id is ignored and computed) and moves {@code ref} to it if the ref
   * holds what {@code expected} says; {@code extras} adds more writes to the same batch.
   */
  Committed commit(
      Snapshot draft, RefName ref, RefExpectation expected, String reason, Consumer<Batch> extras) {
    byte[] bytes = SnapshotCodec.toRecord(draft).toByteArray();
    ObjectId id = ObjectId.hash(bytes);
    Snapshot snapshot = SnapshotCodec.fromRecord(id, SnapshotCodec.toRecord(draft));
    repo.backend().put(SnapshotCodec.objectName(id), bytes);
    CrashPoints.visit("snapshot-stored");

    DefaultRefStore refs = repo.refs();
    refs.lock().lock();
    try (Batch batch = repo.index().newBatch()) {
      batch.put(Table.SNAPSHOTS, id.toBytes(), bytes);
      extras.accept(batch);
      RefUpdate update = refs.commit(ref, expected, Optional.of(id), false, reason, batch);
      batch.commitDurably();
      return new Committed(snapshot, update);
    } finally {
      refs.lock().unlock();
    }
  }

  /** Stores {@code draft} (its id is ignored and computed) durably, moving no ref. */
  Snapshot store(Snapshot draft) {
    byte[] bytes = SnapshotCodec.toRecord(draft).toByteArray();
    ObjectId id = ObjectId.hash(bytes);
    repo.backend().put(SnapshotCodec.objectName(id), bytes);
    CrashPoints.visit("snapshot-stored");
    try (Batch batch = repo.index().newBatch()) {
      batch.put(Table.SNAPSHOTS, id.toBytes(), bytes).commitDurably();
    }
    return SnapshotCodec.fromRecord(id, SnapshotCodec.toRecord(draft));
  }
}

package dev.cairn.store.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.CrashPoints;
import dev.cairn.store.Hosts;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefLogEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.RefStore;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.proto.RefLogRecord;
import dev.cairn.store.proto.RefValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Refs in the index, journaled to the backend. An update checks the expectation, writes the journal
 * record (a new object that is never overwritten), then commits ref and log entry in one synced
 * batch, all under one lock, so concurrent writers in this process serialize and the loser sees
 * CONFLICT.
 */
final class DefaultRefStore implements RefStore {
  private final RocksIndex index;
  private final ObjectBackend backend;
  private final Clock clock;
  private final String actor;
  private final ReentrantLock lock = new ReentrantLock();

  DefaultRefStore(RocksIndex index, ObjectBackend backend, Clock clock) {
    this.index = index;
    this.backend = backend;
    this.clock = clock;
    this.actor = System.getProperty("user.name", "") + "@" + Hosts.name();
  }

  @Override
  public Optional<Ref> find(RefName name) {
    return index.get(Table.REFS, RefKeys.ref(name), RefValue.parser()).map(v -> toRef(name, v));
  }

  @Override
  public Ref load(RefName name) {
    return find(name).orElseThrow(() -> new NotFoundException("Ref " + name + " does not exist"));
  }

  @Override
  public List<Ref> list(Optional<String> namespace) {
    List<Ref> out = new ArrayList<>();
    byte[] prefix = namespace.map(RefKeys::namespacePrefix).orElse(new byte[0]);
    index.scan(
        Table.REFS,
        prefix,
        RefValue.parser(),
        (k, v) -> out.add(toRef(RefName.parse(new String(k, StandardCharsets.UTF_8)), v)));
    return out;
  }

  @Override
  public RefUpdate update(RefName name, RefExpectation expected, ObjectId snapshot, String reason) {
    recover(name);
    return commit(name, expected, Optional.of(snapshot), false, reason, null);
  }

  @Override
  public RefUpdate tag(RefName name, ObjectId snapshot, String reason) {
    recover(name);
    lock.lock();
    try {
      Optional<Ref> current = find(name);
      if (current.isPresent()) {
        return current.get().tag() && current.get().target().equals(snapshot)
            ? RefUpdate.UNCHANGED
            : RefUpdate.CONFLICT;
      }
      return commit(name, RefExpectation.absent(), Optional.of(snapshot), true, reason, null);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public RefUpdate delete(RefName name, RefExpectation expected, String reason) {
    if (find(name).isEmpty()) {
      throw new NotFoundException("Ref " + name + " does not exist");
    }
    recover(name);
    return commit(name, expected, Optional.empty(), false, reason, null);
  }

  /**
   * Applies one ref change, adding its writes to {@code batch} when given (the caller commits it
   * durably while still holding {@link #lock()}), or committing on its own otherwise.
   */
  RefUpdate commit(
      RefName name,
      RefExpectation expected,
      Optional<ObjectId> target,
      boolean tag,
      String reason,
      Batch batch) {
    if (index.readOnly()) {
      throw new InvalidArgumentException(
          "Cannot update ref " + name + ": the repository was opened read-only");
    }
    lock.lock();
    try {
      Optional<RefValue> current = index.get(Table.REFS, RefKeys.ref(name), RefValue.parser());
      Optional<ObjectId> currentTarget = current.map(v -> ObjectId.of(v.getSnapshot()));
      if (!expected.matches(currentTarget)) {
        return RefUpdate.CONFLICT;
      }
      boolean isTag = current.map(RefValue::getTag).orElse(false);
      if (isTag && target.isPresent() && !target.equals(currentTarget)) {
        return RefUpdate.REJECTED_TAG;
      }
      if (target.equals(currentTarget) && current.isPresent()) {
        return RefUpdate.UNCHANGED;
      }
      if (batch == null && target.isPresent() && !snapshotExists(target.get())) {
        // Checked under the lock that snapshot deletion by garbage collection takes too (see
        // unlessReferenced): a ref never points at a snapshot that is gone or going.
        throw new NotFoundException(
            "Cannot point ref " + name + " at snapshot " + target.get() + ": it does not exist");
      }
      long seq = current.map(RefValue::getSeq).orElseGet(() -> lastLoggedSeq(name)) + 1;
      RefLogRecord record = record(name, seq, currentTarget, target, tag || isTag, reason);
      if (!journal(name, record)) {
        // The sequence number is taken by an update that was journaled but never indexed (its
        // writer died in between). That update happened: roll it forward, then decide again.
        rollForward(RefKeys.journalName(name, seq));
        return commit(name, expected, target, tag, reason, batch);
      }
      CrashPoints.visit("ref-journaled");
      stage(record, batch);
      if (target.isEmpty()) {
        return RefUpdate.DELETED;
      }
      return current.isPresent() ? RefUpdate.UPDATED : RefUpdate.CREATED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rolls forward updates of a ref that were journaled but not indexed because their writer died in
   * between, so the next writer starts from the ref's true value. One stat when there are none.
   */
  void recover(RefName name) {
    if (index.readOnly()) {
      return;
    }
    lock.lock();
    try {
      while (true) {
        long next =
            index
                    .get(Table.REFS, RefKeys.ref(name), RefValue.parser())
                    .map(RefValue::getSeq)
                    .orElseGet(() -> lastLoggedSeq(name))
                + 1;
        String journalName = RefKeys.journalName(name, next);
        if (backend.stat(journalName).isEmpty()) {
          return;
        }
        rollForward(journalName);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes the journal record, the durable truth the index can be rebuilt from; false if its name
   * is taken.
   */
  private boolean journal(RefName name, RefLogRecord record) {
    return backend.put(RefKeys.journalName(name, record.getSeq()), record.toByteArray());
  }

  private void rollForward(String journalName) {
    RefLogRecord orphan;
    try {
      orphan = RefLogRecord.parseFrom(backend.readAll(journalName));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Ref journal record " + journalName + " is unreadable", e);
    }
    try (Batch b = index.newBatch()) {
      apply(b, orphan);
      if (!orphan.getNewSnapshot().isEmpty()) {
        ObjectId snapshot = ObjectId.of(orphan.getNewSnapshot());
        if (index.get(Table.SNAPSHOTS, snapshot.toBytes()).isEmpty()) {
          byte[] bytes = backend.readAll(SnapshotCodec.objectName(snapshot));
          SnapshotCodec.parse(snapshot, bytes);
          b.put(Table.SNAPSHOTS, snapshot.toBytes(), bytes);
        }
      }
      b.commitDurably();
    }
  }

  private RefLogRecord record(
      RefName name,
      long seq,
      Optional<ObjectId> old,
      Optional<ObjectId> target,
      boolean tag,
      String reason) {
    Instant now = clock.instant();
    RefLogRecord.Builder b =
        RefLogRecord.newBuilder()
            .setNamespace(name.namespace())
            .setName(name.name())
            .setSeq(seq)
            .setTag(tag)
            .setTimeUnixNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
            .setActor(actor)
            .setReason(reason == null ? "" : reason);
    old.ifPresent(o -> b.setOldSnapshot(o.toByteString()));
    target.ifPresent(t -> b.setNewSnapshot(t.toByteString()));
    return b.build();
  }

  /** Adds the record's effect to the caller's batch, or commits it durably on its own. */
  private void stage(RefLogRecord record, Batch external) {
    if (external != null) {
      apply(external, record);
      return;
    }
    try (Batch batch = index.newBatch()) {
      apply(batch, record);
      batch.commitDurably();
    }
  }

  /** Stages a journal record's effect: the ref's new value (or its removal) and its log entry. */
  static void apply(Batch batch, RefLogRecord record) {
    RefName name = new RefName(record.getNamespace(), record.getName());
    if (record.getNewSnapshot().isEmpty()) {
      batch.delete(Table.REFS, RefKeys.ref(name));
    } else {
      batch.put(
          Table.REFS,
          RefKeys.ref(name),
          RefValue.newBuilder()
              .setSnapshot(record.getNewSnapshot())
              .setTag(record.getTag())
              .setSeq(record.getSeq())
              .build());
    }
    batch.put(Table.REFLOG, RefKeys.log(name, record.getSeq()), record);
  }

  private long lastLoggedSeq(RefName name) {
    long[] last = {0};
    index.scan(
        Table.REFLOG,
        RefKeys.logPrefix(name),
        RefLogRecord.parser(),
        (k, r) -> last[0] = Math.max(last[0], r.getSeq()));
    return last[0];
  }

  ReentrantLock lock() {
    return lock;
  }

  private boolean snapshotExists(ObjectId snapshot) {
    return index.contains(Table.SNAPSHOTS, snapshot.toBytes());
  }

  /**
   * Runs {@code delete} unless a ref or tag points at {@code snapshot}, under the lock of every ref
   * update, so that no ref can move onto the snapshot in between. Returns whether it ran.
   */
  boolean unlessReferenced(ObjectId snapshot, Runnable delete) {
    lock.lock();
    try {
      ByteString target = snapshot.toByteString();
      boolean[] held = {false};
      index.scan(
          Table.REFS,
          new byte[0],
          RefValue.parser(),
          (k, v) -> held[0] |= v.getSnapshot().equals(target));
      if (held[0]) {
        return false;
      }
      delete.run();
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<RefLogEntry> log(RefName name) {
    List<RefLogEntry> out = new ArrayList<>();
    index.scan(
        Table.REFLOG,
        RefKeys.logPrefix(name),
        RefLogRecord.parser(),
        (k, r) -> out.add(toEntry(r)));
    if (out.isEmpty() && find(name).isEmpty()) {
      throw new NotFoundException("Ref " + name + " does not exist and has no log");
    }
    Collections.reverse(out);
    return out;
  }

  private static RefLogEntry toEntry(RefLogRecord r) {
    return new RefLogEntry(
        new RefName(r.getNamespace(), r.getName()),
        r.getSeq(),
        r.getOldSnapshot().isEmpty()
            ? Optional.empty()
            : Optional.of(ObjectId.of(r.getOldSnapshot())),
        r.getNewSnapshot().isEmpty()
            ? Optional.empty()
            : Optional.of(ObjectId.of(r.getNewSnapshot())),
        r.getTag(),
        Instant.ofEpochSecond(0, r.getTimeUnixNanos()),
        r.getActor(),
        r.getReason());
  }

  private static Ref toRef(RefName name, RefValue v) {
    return new Ref(name, ObjectId.of(v.getSnapshot()), v.getTag(), v.getSeq());
  }
}

package dev.cairn.store.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.BlobLocation;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import dev.cairn.store.proto.RefLogRecord;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Brings an index that may be stale (other machines wrote to the bucket) or empty (the cache was
 * deleted) up to date with the backend, reading only what it lacks: one listing per kind of object,
 * then each new journal record, snapshot object and pack footer. It reads in the reverse of the
 * write order (ref journal, snapshots, packs), so everything a ref or snapshot it picks up refers
 * to was durable before its listing began.
 */
final class IndexRefresher {
  /** What one refresh added. */
  record Result(long refUpdates, long snapshotsAdded, long snapshotsRemoved, long packsAdded) {}

  private final ObjectBackend backend;
  private final RocksIndex index;
  private final Consumer<String> metadataPack;

  /**
   * @param metadataPack told the name of every new pack that holds only metadata
   */
  IndexRefresher(ObjectBackend backend, RocksIndex index, Consumer<String> metadataPack) {
    this.backend = backend;
    this.index = index;
    this.metadataPack = metadataPack;
  }

  Result refresh() {
    long refUpdates = refreshRefs();
    long[] snapshots = refreshSnapshots();
    long packs = refreshPacks();
    return new Result(refUpdates, snapshots[0], snapshots[1], packs);
  }

  private long refreshRefs() {
    Map<String, Long> known = new HashMap<>();
    index.scan(
        Table.REFLOG,
        new byte[0],
        RefLogRecord.parser(),
        (k, r) -> known.merge(r.getNamespace() + "/" + r.getName(), r.getSeq(), Math::max));
    long applied = 0;
    try (Stream<ObjectInfo> s = backend.list(RefKeys.JOURNAL_PREFIX);
        Batch batch = index.newBatch()) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        String rest = info.name().substring(RefKeys.JOURNAL_PREFIX.length());
        int slash = rest.lastIndexOf('/');
        long seq;
        try {
          seq = Long.parseLong(rest.substring(slash + 1));
        } catch (NumberFormatException e) {
          continue; // not a journal record
        }
        String ref = rest.substring(0, Math.max(slash, 0));
        if (seq <= known.getOrDefault(ref, 0L)) {
          continue;
        }
        try {
          DefaultRefStore.apply(batch, RefLogRecord.parseFrom(backend.readAll(info.name())));
        } catch (InvalidProtocolBufferException e) {
          throw new CorruptException("Ref journal record " + info.name() + " is unreadable", e);
        }
        known.put(ref, seq);
        applied++;
      }
      batch.commitDurably();
    }
    return applied;
  }

  private long[] refreshSnapshots() {
    Set<ObjectId> indexed = new HashSet<>();
    index.scan(Table.SNAPSHOTS, new byte[0], (k, v) -> indexed.add(ObjectId.of(k)));
    long added = 0;
    try (Stream<ObjectInfo> s = backend.list(SnapshotCodec.PREFIX);
        Batch batch = index.newBatch()) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        String hex = info.name().substring(SnapshotCodec.PREFIX.length());
        if (hex.length() != 64 || !ObjectId.isHex(hex)) {
          continue;
        }
        ObjectId id = ObjectId.parse(hex);
        if (indexed.remove(id)) {
          continue;
        }
        byte[] bytes = backend.readAll(info.name());
        SnapshotCodec.parse(id, bytes);
        batch.put(Table.SNAPSHOTS, id.toBytes(), bytes);
        added++;
      }
      // What is left was deleted elsewhere: deleteSnapshot removes the object first.
      for (ObjectId gone : indexed) {
        batch.delete(Table.SNAPSHOTS, gone.toBytes());
      }
      batch.commitDurably();
    }
    return new long[] {added, indexed.size()};
  }

  private long refreshPacks() {
    long added = 0;
    Set<ObjectId> listed = new HashSet<>();
    try (Stream<ObjectInfo> s = backend.list(PackFormat.PREFIX)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        ObjectId pack = PackFormat.parseObjectName(info.name());
        if (pack != null) {
          listed.add(pack);
        }
        if (pack == null || index.contains(Table.PACKS, pack.toBytes())) {
          continue;
        }
        PackFooter footer = IndexRebuilder.readFooter(backend, info);
        try (Batch batch = index.newBatch()) {
          batch.put(
              Table.PACKS, pack.toBytes(), ByteBuffer.allocate(8).putLong(info.size()).array());
          for (PackEntry e : footer.getEntriesList()) {
            batch.put(Table.BLOBS, e.getId().toByteArray(), BlobStore.locationOf(pack, e));
          }
          batch.commit();
        }
        if (PackCache.isMetadataOnly(footer)) {
          metadataPack.accept(info.name());
        }
        added++;
      }
    }
    forgetDeletedPacks(listed);
    return added;
  }

  /**
   * Garbage collection on another machine may have deleted or repacked packs this index still
   * lists: their blobs must not look stored, or a writer would deduplicate against nothing.
   */
  private void forgetDeletedPacks(Set<ObjectId> listed) {
    Set<ByteString> gone = new HashSet<>();
    index.scan(
        Table.PACKS,
        new byte[0],
        (k, v) -> {
          if (!listed.contains(ObjectId.of(k))) {
            gone.add(ByteString.copyFrom(k));
          }
        });
    if (gone.isEmpty()) {
      return;
    }
    try (Batch batch = index.newBatch()) {
      gone.forEach(p -> batch.delete(Table.PACKS, p.toByteArray()));
      index.scan(
          Table.BLOBS,
          new byte[0],
          BlobLocation.parser(),
          (k, loc) -> {
            if (gone.contains(loc.getPack())) {
              batch.delete(Table.BLOBS, k);
            }
          });
      batch.commitDurably();
    }
  }
}

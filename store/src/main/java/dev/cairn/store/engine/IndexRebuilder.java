package dev.cairn.store.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CairnException;
import dev.cairn.store.CheckReport;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import dev.cairn.store.proto.RefLogRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds the index from what the backend holds: blob locations from pack footers (two ranged
 * reads per pack), the snapshot catalog from snapshot objects, refs and their log from the ref
 * journal. The file cache is dropped, which only costs the next snapshot a full read.
 */
final class IndexRebuilder {
  private final DefaultRepository repo;
  private final List<String> problems = new ArrayList<>();

  IndexRebuilder(DefaultRepository repo) {
    this.repo = repo;
  }

  CheckReport rebuild() {
    RocksIndex index = repo.index();
    ObjectBackend backend = repo.backend();
    for (Table t : Table.values()) {
      index.clear(t);
    }
    long packs = 0;
    long blobs = 0;
    try (Stream<ObjectInfo> s = backend.list(PackFormat.PREFIX)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        ObjectId pack = PackFormat.parseObjectName(info.name());
        if (pack == null) {
          continue;
        }
        try {
          PackFooter footer = readFooter(backend, info);
          try (Batch batch = index.newBatch()) {
            batch.put(
                Table.PACKS, pack.toBytes(), ByteBuffer.allocate(8).putLong(info.size()).array());
            for (PackEntry e : footer.getEntriesList()) {
              batch.put(Table.BLOBS, e.getId().toByteArray(), BlobStore.locationOf(pack, e));
            }
            batch.commit();
          }
          packs++;
          blobs += footer.getEntriesCount();
        } catch (CairnException e) {
          problems.add("pack " + pack.toShortString() + " skipped: " + e.getMessage());
        }
      }
    }
    long snapshots = 0;
    try (Stream<ObjectInfo> s = backend.list(SnapshotCodec.PREFIX);
        Batch batch = index.newBatch()) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        String hex = info.name().substring(SnapshotCodec.PREFIX.length());
        try {
          ObjectId id = ObjectId.parse(hex);
          byte[] bytes = backend.readAll(info.name());
          SnapshotCodec.parse(id, bytes);
          batch.put(Table.SNAPSHOTS, id.toBytes(), bytes);
          snapshots++;
        } catch (CairnException e) {
          problems.add("snapshot object " + info.name() + " skipped: " + e.getMessage());
        }
      }
      batch.commit();
    }
    long refs = 0;
    try (Stream<ObjectInfo> s = backend.list(RefKeys.JOURNAL_PREFIX);
        Batch batch = index.newBatch()) {
      // Names sort by ref, then by zero-padded sequence, so replaying in order leaves each ref at
      // its last value.
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        try {
          DefaultRefStore.apply(batch, RefLogRecord.parseFrom(backend.readAll(info.name())));
          refs++;
        } catch (InvalidProtocolBufferException | CairnException e) {
          problems.add("ref journal record " + info.name() + " skipped: " + e.getMessage());
        }
      }
      batch.commitDurably();
    }
    return new CheckReport(
        repo.refs().list(java.util.Optional.empty()).size(),
        snapshots,
        0,
        0,
        blobs,
        packs,
        0,
        problems);
  }

  static PackFooter readFooter(ObjectBackend backend, ObjectInfo info) {
    if (info.size() < PackFormat.TAIL_LENGTH + 8) {
      throw new dev.cairn.store.CorruptException("Pack " + info.name() + " is too short");
    }
    byte[] tail =
        backend.read(info.name(), info.size() - PackFormat.TAIL_LENGTH, PackFormat.TAIL_LENGTH);
    int length = PackFormat.footerLength(tail, info.name());
    if (length > info.size() - PackFormat.TAIL_LENGTH - 8) {
      throw new dev.cairn.store.CorruptException(
          "Pack " + info.name() + " has a footer longer than the pack");
    }
    byte[] footer =
        backend.read(info.name(), info.size() - PackFormat.TAIL_LENGTH - length, length);
    return PackFormat.parseFooter(footer, info.name());
  }
}

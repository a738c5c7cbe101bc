package dev.cairn.store.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.proto.Label;
import dev.cairn.store.proto.SnapshotRecord;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Converts snapshots to and from their stored record; the id is the hash of the record's bytes. */
final class SnapshotCodec {
  static final String PREFIX = "snapshots/";

  private SnapshotCodec() {}

  static String objectName(ObjectId id) {
    return PREFIX + id;
  }

  static SnapshotRecord toRecord(Snapshot s) {
    SnapshotRecord.Builder b =
        SnapshotRecord.newBuilder()
            .setRootTree(s.rootTree().toByteString())
            .setKind(kind(s.kind()))
            .setNamespace(s.namespace())
            .setSource(s.source())
            .setCreator(s.creator())
            .setMessage(s.message())
            .setCreatedUnixNanos(nanos(s.createdAt()))
            .setTotalFiles(s.totalFiles())
            .setTotalBytes(s.totalBytes());
    s.parents().forEach(p -> b.addParents(p.toByteString()));
    for (Map.Entry<String, String> l : s.labels().entrySet()) {
      b.addLabels(Label.newBuilder().setKey(l.getKey()).setValue(l.getValue()));
    }
    return b.build();
  }

  static Snapshot fromRecord(ObjectId id, SnapshotRecord r) {
    TreeMap<String, String> labels = new TreeMap<>();
    r.getLabelsList().forEach(l -> labels.put(l.getKey(), l.getValue()));
    return new Snapshot(
        id,
        ObjectId.of(r.getRootTree()),
        r.getParentsList().stream().map(ObjectId::of).toList(),
        kind(r.getKind()),
        r.getNamespace(),
        r.getSource(),
        labels,
        r.getCreator(),
        r.getMessage(),
        Instant.ofEpochSecond(0, r.getCreatedUnixNanos()),
        r.getTotalFiles(),
        r.getTotalBytes());
  }

  /** Parses stored bytes, checking they hash to the expected id. */
  static Snapshot parse(ObjectId id, byte[] bytes) {
    if (!ObjectId.hash(bytes).equals(id)) {
      throw new CorruptException(
          "Snapshot " + id + " is corrupt: its content does not match its id");
    }
    try {
      return fromRecord(id, SnapshotRecord.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Snapshot " + id + " is unreadable", e);
    }
  }

  static Snapshot parseIndexed(ObjectId id, byte[] bytes) {
    try {
      return fromRecord(id, SnapshotRecord.parseFrom(ByteString.copyFrom(bytes)));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException(
          "Snapshot catalog entry " + id + " is unreadable; run 'cairn check --rebuild-index'", e);
    }
  }

  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static dev.cairn.store.proto.SnapshotKind kind(SnapshotKind k) {
    return dev.cairn.store.proto.SnapshotKind.forNumber(k.ordinal() + 1);
  }

  static SnapshotKind kind(dev.cairn.store.proto.SnapshotKind k) {
    int n = k.getNumber();
    if (n < 1 || n > SnapshotKind.values().length) {
      throw new CorruptException("Unknown snapshot kind " + k);
    }
    return SnapshotKind.values()[n - 1];
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.Tree;
import dev.cairn.store.proto.TreeEntry;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** Writes hand-made (possibly hostile) trees and snapshots straight into a repository. */
final class Crafted {
  private final DefaultRepository repo;
  private final WriteStats stats = new WriteStats();

  Crafted(DefaultRepository repo) {
    this.repo = repo;
  }

  TreeEntry file(String name, byte[] content) {
    ObjectId chunk = repo.blobs().put(BlobType.BLOB_TYPE_CHUNK, content, 0, content.length, stats);
    FileNode node =
        FileNode.newBuilder()
            .setSize(content.length)
            .addChunks(ChunkRef.newBuilder().setId(chunk.toByteString()).setLength(content.length))
            .build();
    byte[] bytes = node.toByteArray();
    ObjectId id = repo.blobs().put(BlobType.BLOB_TYPE_FILE, bytes, 0, bytes.length, stats);
    return TreeEntry.newBuilder()
        .setName(name)
        .setKind(EntryKind.ENTRY_KIND_FILE)
        .setMode(0644)
        .setSize(content.length)
        .setTarget(id.toByteString())
        .build();
  }

  TreeEntry dir(String name, List<TreeEntry> entries) {
    ObjectId id = tree(entries);
    return TreeEntry.newBuilder()
        .setName(name)
        .setKind(EntryKind.ENTRY_KIND_DIR)
        .setMode(0755)
        .setTarget(id.toByteString())
        .build();
  }

  private ObjectId tree(List<TreeEntry> entries) {
    byte[] bytes = Tree.newBuilder().addAllEntries(entries).build().toByteArray();
    return repo.blobs().put(BlobType.BLOB_TYPE_TREE, bytes, 0, bytes.length, stats);
  }

  TreeEntry symlink(String name, String target) {
    return TreeEntry.newBuilder()
        .setName(name)
        .setKind(EntryKind.ENTRY_KIND_SYMLINK)
        .setMode(0777)
        .setSymlinkTarget(target)
        .build();
  }

  /** A snapshot whose root holds exactly these entries, in the order given (not validated). */
  ObjectId snapshot(List<TreeEntry> rootEntries) {
    ObjectId root = tree(rootEntries);
    repo.blobs().flush(repo.blobs().failedUploads());
    Snapshot s =
        new Snapshot(
            null,
            root,
            List.of(),
            SnapshotKind.OTHER,
            "evil",
            "crafted",
            new TreeMap<>(),
            "test",
            "",
            Instant.now(),
            0,
            0);
    byte[] bytes = SnapshotCodec.toRecord(s).toByteArray();
    ObjectId id = ObjectId.hash(bytes);
    repo.backend().put(SnapshotCodec.objectName(id), bytes);
    try (Batch batch = repo.index().newBatch()) {
      batch.put(Table.SNAPSHOTS, id.toBytes(), bytes);
      batch.commitDurably();
    }
    return id;
  }
}

package dev.cairn.gc;

import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.TreeEntry;

/**
 * Marks everything a snapshot's root tree reaches: trees, file nodes and chunks. A tree or file
 * node already walked (shared with an earlier snapshot) is skipped with its whole subtree, so the
 * cost grows with the distinct content of the repository, not with the number of snapshots.
 */
final class Marker {
  private final GcStorage storage;
  private final MarkSet marks;
  private long snapshots;
  private long trees;
  private long files;
  private long chunks;

  Marker(GcStorage storage, MarkSet marks) {
    this.storage = storage;
    this.marks = marks;
  }

  void markSnapshot(ObjectId rootTree) {
    snapshots++;
    tree(rootTree);
  }

  private void tree(ObjectId id) {
    if (!marks.walkTree(id)) {
      return;
    }
    trees++;
    for (TreeEntry e : storage.loadTree(id).getEntriesList()) {
      if (e.getKind() == EntryKind.ENTRY_KIND_DIR) {
        tree(ObjectId.of(e.getTarget()));
      } else if (e.getKind() == EntryKind.ENTRY_KIND_FILE) {
        file(ObjectId.of(e.getTarget()));
      }
    }
  }

  private void file(ObjectId id) {
    if (!marks.walkFile(id)) {
      return;
    }
    files++;
    for (ChunkRef c : storage.loadFile(id).getChunksList()) {
      if (marks.mark(ObjectId.of(c.getId()))) {
        chunks++;
      }
    }
  }

  GcReport.Marked counts() {
    return new GcReport.Marked(snapshots, trees, files, chunks);
  }
}

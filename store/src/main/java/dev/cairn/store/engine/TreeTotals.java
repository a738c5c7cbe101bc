package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.TreeEntry;

/**
 * A tree's files and bytes, summed from its root's entries (a directory entry carries its subtree's
 * totals), so a snapshot's totals come from its tree rather than from whoever sent it.
 */
record TreeTotals(long files, long bytes) {

  static TreeTotals of(Trees trees, ObjectId root) {
    long files = 0;
    long bytes = 0;
    for (TreeEntry e : trees.loadTree(root).getEntriesList()) {
      bytes += e.getSize();
      files +=
          e.getKind() == EntryKind.ENTRY_KIND_DIR
              ? e.getFileCount()
              : e.getKind() == EntryKind.ENTRY_KIND_FILE ? 1 : 0;
    }
    return new TreeTotals(files, bytes);
  }
}

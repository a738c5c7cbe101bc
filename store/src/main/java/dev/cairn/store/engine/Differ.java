package dev.cairn.store.engine;

import dev.cairn.store.DiffEntry;
import dev.cairn.store.DiffEntry.Change;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.Tree;
import dev.cairn.store.proto.TreeEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares two trees by merging their sorted entries. Subtrees with equal ids are skipped without
 * being read, so the cost grows with what changed. Added and removed directories are expanded to
 * the files they hold.
 */
final class Differ {
  private final Trees trees;
  private final List<DiffEntry> out = new ArrayList<>();

  Differ(Trees trees) {
    this.trees = trees;
  }

  List<DiffEntry> diff(ObjectId a, ObjectId b) {
    compare(a, b, "");
    return out;
  }

  private void compare(ObjectId a, ObjectId b, String prefix) {
    if (a.equals(b)) {
      return;
    }
    Tree ta = trees.loadTree(a);
    Tree tb = trees.loadTree(b);
    int i = 0;
    int j = 0;
    while (i < ta.getEntriesCount() || j < tb.getEntriesCount()) {
      TreeEntry ea = i < ta.getEntriesCount() ? ta.getEntries(i) : null;
      TreeEntry eb = j < tb.getEntriesCount() ? tb.getEntries(j) : null;
      int c =
          ea == null ? 1 : eb == null ? -1 : EntryNames.ORDER.compare(ea.getName(), eb.getName());
      if (c < 0) {
        side(ea, EntryNames.join(prefix, ea.getName()), Change.REMOVED);
        i++;
      } else if (c > 0) {
        side(eb, EntryNames.join(prefix, eb.getName()), Change.ADDED);
        j++;
      } else {
        both(ea, eb, EntryNames.join(prefix, ea.getName()));
        i++;
        j++;
      }
    }
  }

  private void both(TreeEntry a, TreeEntry b, String path) {
    if (a.getKind() != b.getKind()) {
      out.add(
          new DiffEntry(
              path,
              Change.TYPE_CHANGED,
              Trees.typeOf(a.getKind()),
              Trees.typeOf(b.getKind()),
              a.getSize(),
              b.getSize()));
      return;
    }
    if (a.getKind() == EntryKind.ENTRY_KIND_DIR) {
      compare(ObjectId.of(a.getTarget()), ObjectId.of(b.getTarget()), path);
      return;
    }
    boolean content =
        !a.getTarget().equals(b.getTarget())
            || !a.getSymlinkTarget().equals(b.getSymlinkTarget())
            || a.getMode() != b.getMode();
    if (content || a.getMtimeNanos() != b.getMtimeNanos()) {
      out.add(
          new DiffEntry(
              path,
              content ? Change.MODIFIED : Change.METADATA,
              Trees.typeOf(a.getKind()),
              Trees.typeOf(b.getKind()),
              a.getSize(),
              b.getSize()));
    }
  }

  /** Reports an entry present on one side only, expanding directories to their files. */
  private void side(TreeEntry e, String path, Change change) {
    if (e.getKind() == EntryKind.ENTRY_KIND_DIR) {
      Tree t = trees.loadTree(ObjectId.of(e.getTarget()));
      if (t.getEntriesCount() == 0) {
        add(path, change, e);
      }
      for (TreeEntry child : t.getEntriesList()) {
        side(child, EntryNames.join(path, child.getName()), change);
      }
      return;
    }
    add(path, change, e);
  }

  private void add(String path, Change change, TreeEntry e) {
    boolean added = change == Change.ADDED;
    var type = Trees.typeOf(e.getKind());
    out.add(
        new DiffEntry(
            path,
            change,
            added ? null : type,
            added ? type : null,
            added ? -1 : e.getSize(),
            added ? e.getSize() : -1));
  }
}

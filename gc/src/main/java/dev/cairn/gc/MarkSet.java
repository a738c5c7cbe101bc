package dev.cairn.gc;

import dev.cairn.store.ObjectId;

/**
 * The blobs a mark reached, kept in {@link ScratchDb} on disk rather than in heap. Trees and file
 * nodes that were walked are recorded apart from the blobs marked, so each is walked exactly once
 * whatever else shares its bytes.
 */
final class MarkSet {
  private static final byte MARKED = 'M';
  private static final byte WALKED_TREE = 'T';
  private static final byte WALKED_FILE = 'F';

  private final ScratchDb db;

  MarkSet(ScratchDb db) {
    this.db = db;
  }

  /** Marks a tree; true if it was not walked before (the caller walks it now). */
  boolean walkTree(ObjectId id) {
    return firstVisit(WALKED_TREE, id);
  }

  /** Marks a file node; true if it was not walked before (the caller reads its chunks now). */
  boolean walkFile(ObjectId id) {
    return firstVisit(WALKED_FILE, id);
  }

  private boolean firstVisit(byte kind, ObjectId id) {
    if (db.contains(kind, id)) {
      return false;
    }
    db.put(kind, id);
    mark(id);
    return true;
  }

  /** Marks a blob reached by reference (a chunk); true if it was not marked before. */
  boolean mark(ObjectId id) {
    if (db.contains(MARKED, id)) {
      return false;
    }
    db.put(MARKED, id);
    return true;
  }

  boolean isMarked(ObjectId id) {
    return db.contains(MARKED, id);
  }
}

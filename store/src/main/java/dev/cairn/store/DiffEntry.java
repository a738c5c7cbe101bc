package dev.cairn.store;

/** One difference between two snapshots. Sizes are -1 where a side has no entry. */
public record DiffEntry(
    String path, Change change, EntryType oldType, EntryType newType, long oldSize, long newSize) {

  /** How an entry differs. */
  public enum Change {
    ADDED,
    REMOVED,
    /** Same type, different content, mode or link target. */
    MODIFIED,
    /** A file became a directory, a directory a symlink, and so on. */
    TYPE_CHANGED,
    /** Same content and mode; only the modification time differs. */
    METADATA
  }
}

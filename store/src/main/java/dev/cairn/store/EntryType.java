package dev.cairn.store;

/** The kind of a tree entry. */
public enum EntryType {
  FILE,
  DIR,
  SYMLINK
}

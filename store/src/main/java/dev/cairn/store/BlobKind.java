package dev.cairn.store;

/** What a blob holds: a piece of file content, a file's chunk list, or a directory. */
public enum BlobKind {
  CHUNK,
  FILE_NODE,
  TREE
}

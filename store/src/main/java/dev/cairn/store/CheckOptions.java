package dev.cairn.store;

/** How deep {@code check} goes. */
public enum CheckOptions {
  /**
   * Every ref, snapshot, tree and file node resolves; every chunk is indexed in an existing pack.
   */
  STRUCTURE,
  /** STRUCTURE, then reads every pack and verifies every blob's hash. */
  READ_DATA
}

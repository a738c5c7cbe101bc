package dev.cairn.lineage;

/** How a node is deleted. MLMD has no deletion; these are Cairn's. */
public enum DeleteMode {
  /**
   * Marks an artifact DELETED and keeps it and its edges, so lineage still shows it; it no longer
   * pins its snapshot. Artifacts only: executions and contexts have no DELETED state.
   */
  SOFT,
  /** Removes the node, refused while any event or link refers to it. */
  HARD,
  /** Removes the node and every event and link that refers to it; other nodes stay. */
  CASCADE
}

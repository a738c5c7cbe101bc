package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.util.Set;

/**
 * Snapshots that something outside the store still needs (lineage artifacts, CSI volumes). The
 * composition root wires one per source; GC and snapshot deletion treat every id as a root.
 */
public interface GcRoots {

  /** A short name for messages, such as {@code lineage} or {@code csi}. */
  String source();

  /** The pinned snapshot ids, read fresh on every call. */
  Set<ObjectId> pinnedSnapshots();
}

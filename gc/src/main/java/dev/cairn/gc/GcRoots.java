package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.util.List;

/**
 * Snapshots that something outside the store still needs (lineage artifacts, CSI volumes). The
 * composition root wires one per source; GC and snapshot deletion treat every pin as a root.
 */
public interface GcRoots {

  /** The current pins, read fresh on every call. */
  List<Pin> pins();

  /** One snapshot held by one thing, described for messages ({@code lineage artifact 12 in ml}). */
  record Pin(ObjectId snapshot, String holder) {}
}

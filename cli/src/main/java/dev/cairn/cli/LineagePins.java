package dev.cairn.cli;

import dev.cairn.gc.GcRoots;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.SnapshotPin;
import dev.cairn.store.CairnException;
import dev.cairn.store.Repository;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots live lineage artifacts refer to, as GC roots: what {@code cairn lineage pins}
 * lists. Read fresh on every call; a pin naming no snapshot of the repository holds nothing.
 */
final class LineagePins implements GcRoots {
  private final LineageStore lineage;
  private final Repository repo;

  LineagePins(LineageStore lineage, Repository repo) {
    this.lineage = lineage;
    this.repo = repo;
  }

  @Override
  public List<Pin> pins() {
    List<Pin> out = new ArrayList<>();
    for (SnapshotPin p : lineage.snapshotPins()) {
      try {
        out.add(
            new Pin(
                repo.resolve(p.snapshotId()),
                "lineage artifact " + p.artifactId() + " in " + p.namespace()));
      } catch (CairnException notHere) {
        // The artifact names a snapshot this repository does not hold: nothing to keep.
      }
    }
    return out;
  }
}

package dev.cairn.api;

import dev.cairn.gc.GcRoots;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.SnapshotPin;
import dev.cairn.store.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lineage's pins as GC roots: every snapshot a live artifact refers to, held by {@code lineage
 * artifact N in namespace NS}. The server and the CLI both wire it; neither gc nor lineage knows
 * the other.
 */
public final class LineageRoots implements GcRoots {
  private final LineageStore lineage;

  public LineageRoots(LineageStore lineage) {
    this.lineage = lineage;
  }

  /** The roots from outside the store for a repository with (or without) a lineage store. */
  public static List<GcRoots> of(Optional<LineageStore> lineage) {
    return lineage.<GcRoots>map(LineageRoots::new).map(List::of).orElse(List.of());
  }

  @Override
  public List<Pin> pins() {
    List<Pin> out = new ArrayList<>();
    for (SnapshotPin p : lineage.snapshotPins()) {
      // A uri that names no well-formed id can match no snapshot, so it holds nothing.
      if (p.snapshotId().length() == 2 * ObjectId.LENGTH && ObjectId.isHex(p.snapshotId())) {
        out.add(
            new Pin(
                ObjectId.parse(p.snapshotId()),
                "lineage artifact " + p.artifactId() + " in namespace " + p.namespace()));
      }
    }
    return out;
  }
}

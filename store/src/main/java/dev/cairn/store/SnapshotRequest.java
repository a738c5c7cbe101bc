package dev.cairn.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to snapshot and how to record it. Without an explicit parent, the ref's current snapshot is
 * the parent; {@link #withoutParent()} starts a new history and reads every file. The snapshot
 * records {@code host:source} as where its data came from unless {@link #withOrigin(String)} names
 * the place, as for data that reached this machine through a staging directory.
 */
public record SnapshotRequest(
    Path source,
    RefName ref,
    SnapshotKind kind,
    String message,
    SortedMap<String, String> labels,
    String creator,
    Optional<ObjectId> parent,
    boolean noParent,
    Progress progress,
    Optional<ObjectId> overlayLower,
    Optional<String> origin) {

  public SnapshotRequest {
    labels = new TreeMap<>(labels);
    for (String key : labels.keySet()) {
      if (key.isEmpty() || key.length() > 253 || key.contains("\0")) {
        throw new InvalidArgumentException("Invalid label key '" + key + "'");
      }
    }
    origin.ifPresent(SnapshotRequest::checkOrigin);
  }

  private static void checkOrigin(String o) {
    if (o.isBlank() || o.length() > 4096 || o.contains("\0") || o.contains("\n")) {
      throw new InvalidArgumentException(
          "Invalid snapshot source '"
              + o.replace("\0", "\\0").replace("\n", "\\n")
              + "': it must be 1 to 4096 characters on one line");
    }
  }

  public static SnapshotRequest of(Path source, RefName ref) {
    return new SnapshotRequest(
        source,
        ref,
        SnapshotKind.OTHER,
        "",
        new TreeMap<>(),
        System.getProperty("user.name", ""),
        Optional.empty(),
        false,
        Progress.NONE,
        Optional.empty(),
        Optional.empty());
  }

  public SnapshotRequest withKind(SnapshotKind k) {
    return new SnapshotRequest(
        source, ref, k, message, labels, creator, parent, noParent, progress, overlayLower, origin);
  }

  public SnapshotRequest withMessage(String m) {
    return new SnapshotRequest(
        source, ref, kind, m, labels, creator, parent, noParent, progress, overlayLower, origin);
  }

  public SnapshotRequest withLabels(Map<String, String> l) {
    return new SnapshotRequest(
        source,
        ref,
        kind,
        message,
        new TreeMap<>(l),
        creator,
        parent,
        noParent,
        progress,
        overlayLower,
        origin);
  }

  public SnapshotRequest withCreator(String c) {
    return new SnapshotRequest(
        source, ref, kind, message, labels, c, parent, noParent, progress, overlayLower, origin);
  }

  public SnapshotRequest withParent(ObjectId p) {
    return new SnapshotRequest(
        source,
        ref,
        kind,
        message,
        labels,
        creator,
        Optional.of(p),
        false,
        progress,
        overlayLower,
        origin);
  }

  public SnapshotRequest withoutParent() {
    return new SnapshotRequest(
        source,
        ref,
        kind,
        message,
        labels,
        creator,
        Optional.empty(),
        true,
        progress,
        overlayLower,
        origin);
  }

  /** Snapshots {@code source} as the overlayfs upper layer over the {@code lower} snapshot. */
  public SnapshotRequest withOverlayLower(ObjectId lower) {
    return new SnapshotRequest(
        source,
        ref,
        kind,
        message,
        labels,
        creator,
        parent,
        noParent,
        progress,
        Optional.of(lower),
        origin);
  }

  public SnapshotRequest withProgress(Progress p) {
    return new SnapshotRequest(
        source, ref, kind, message, labels, creator, parent, noParent, p, overlayLower, origin);
  }

  /** The same request for another directory. */
  public SnapshotRequest withSource(Path s) {
    return new SnapshotRequest(
        s, ref, kind, message, labels, creator, parent, noParent, progress, overlayLower, origin);
  }

  /** Records {@code o} as where the data came from instead of this host and the source path. */
  public SnapshotRequest withOrigin(String o) {
    return new SnapshotRequest(
        source,
        ref,
        kind,
        message,
        labels,
        creator,
        parent,
        noParent,
        progress,
        overlayLower,
        Optional.of(o));
  }
}

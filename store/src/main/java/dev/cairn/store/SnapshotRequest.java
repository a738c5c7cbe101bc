package dev.cairn.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to snapshot and how to record it. Without an explicit parent, the ref's current snapshot is
 * the parent; {@link #withoutParent()} starts a new history and reads every file.
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
    Optional<ObjectId> overlayLower) {

  public SnapshotRequest {
    labels = new TreeMap<>(labels);
    for (String key : labels.keySet()) {
      if (key.isEmpty() || key.length() > 253 || key.contains("\0")) {
        throw new InvalidArgumentException("Invalid label key '" + key + "'");
      }
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
        Optional.empty());
  }

  public SnapshotRequest withKind(SnapshotKind k) {
    return new SnapshotRequest(
        source, ref, k, message, labels, creator, parent, noParent, progress, overlayLower);
  }

  public SnapshotRequest withMessage(String m) {
    return new SnapshotRequest(
        source, ref, kind, m, labels, creator, parent, noParent, progress, overlayLower);
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
        overlayLower);
  }

  public SnapshotRequest withCreator(String c) {
    return new SnapshotRequest(
        source, ref, kind, message, labels, c, parent, noParent, progress, overlayLower);
  }

  public SnapshotRequest withParent(ObjectId p) {
    return new SnapshotRequest(
        source, ref, kind, message, labels, creator, Optional.of(p), false, progress, overlayLower);
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
        overlayLower);
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
        Optional.of(lower));
  }

  public SnapshotRequest withProgress(Progress p) {
    return new SnapshotRequest(
        source, ref, kind, message, labels, creator, parent, noParent, p, overlayLower);
  }

  /** The same request for another directory. */
  public SnapshotRequest withSource(Path s) {
    return new SnapshotRequest(
        s, ref, kind, message, labels, creator, parent, noParent, progress, overlayLower);
  }
}

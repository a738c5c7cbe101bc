package dev.cairn.store;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot whose blobs were uploaded, to be committed: its root tree, its parent (in the ref's
 * namespace), what the ref must hold for it to move, and the record's descriptive fields.
 */
public record SnapshotCommit(
    RefName ref,
    ObjectId rootTree,
    Optional<ObjectId> parent,
    RefExpectation expected,
    SnapshotKind kind,
    String source,
    SortedMap<String, String> labels,
    String creator,
    String message) {

  public SnapshotCommit {
    labels = new TreeMap<>(labels);
    for (String key : labels.keySet()) {
      if (key.isEmpty() || key.length() > 253 || key.contains("\0")) {
        throw new InvalidArgumentException("Invalid label key '" + key + "'");
      }
    }
  }
}

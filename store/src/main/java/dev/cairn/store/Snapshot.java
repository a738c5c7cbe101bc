package dev.cairn.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** An immutable snapshot: a root tree plus where it came from. Its id is the hash of its record. */
public record Snapshot(
    ObjectId id,
    ObjectId rootTree,
    List<ObjectId> parents,
    SnapshotKind kind,
    String namespace,
    String source,
    SortedMap<String, String> labels,
    String creator,
    String message,
    Instant createdAt,
    long totalFiles,
    long totalBytes) {

  public Snapshot {
    parents = List.copyOf(parents);
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Namespaces.validate(namespace);
  }
}

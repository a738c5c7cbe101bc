package dev.cairn.cli;

import dev.cairn.lineage.LineageStore;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import java.util.List;

/**
 * A lineage node named on the command line: {@code artifact:N}, {@code execution:N}, {@code
 * context:N}, or a snapshot (id, unique prefix or NS/REF) standing for its artifact.
 */
record LineageNodeRef(Kind kind, long id) {
  enum Kind {
    ARTIFACT,
    EXECUTION,
    CONTEXT
  }

  /**
   * Resolves {@code text}; a snapshot is looked up in the repository (or on the server) and then in
   * lineage.
   */
  static LineageNodeRef resolve(String text, LineageStore lineage, String namespace) {
    for (Kind kind : Kind.values()) {
      String prefix = kind.name().toLowerCase(java.util.Locale.ROOT) + ":";
      if (text.startsWith(prefix)) {
        return new LineageNodeRef(kind, parseId(text.substring(prefix.length())));
      }
    }
    String snapshot = SnapshotResolver.resolve(text, namespace);
    List<Long> ids =
        lineage.getArtifactsByUri(namespace, LineageStore.SNAPSHOT_URI_PREFIX + snapshot).stream()
            .map(a -> a.getId())
            .toList();
    if (ids.isEmpty()) {
      throw new NotFoundException(
          "Snapshot " + snapshot + " has no lineage in namespace " + namespace);
    }
    return new LineageNodeRef(Kind.ARTIFACT, ids.get(0));
  }

  static long parseId(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("Invalid id '" + s + "': expected a number");
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.ApiException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * Finds snapshots for a caller scoped to one namespace: a snapshot of another namespace reads as
 * missing, and a prefix is matched only against the namespace's own snapshots, so neither an error
 * nor an ambiguity reveals what other namespaces hold.
 */
final class Snapshots {
  private Snapshots() {}

  static Snapshot load(Repository repo, String ns, String spec) {
    String hex = spec.toLowerCase(java.util.Locale.ROOT);
    if (hex.length() < 8 || hex.length() > 64 || !ObjectId.isHex(hex)) {
      throw ApiException.badRequest(
          "Invalid snapshot '" + spec + "': expected a snapshot id or a prefix of 8+ hex digits");
    }
    if (hex.length() == 64) {
      try {
        Snapshot s = repo.loadSnapshot(ObjectId.parse(hex));
        if (s.namespace().equals(ns)) {
          return s;
        }
      } catch (NotFoundException e) {
        // reported below, the same way as a snapshot of another namespace
      }
      throw missing(spec, ns);
    }
    List<Snapshot> matches =
        repo.listSnapshots(Optional.of(ns)).stream()
            .filter(s -> s.id().toString().startsWith(hex))
            .limit(10)
            .toList();
    if (matches.isEmpty()) {
      throw missing(spec, ns);
    }
    if (matches.size() > 1) {
      throw ApiException.badRequest(
          "Snapshot prefix "
              + spec
              + " is ambiguous in namespace "
              + ns
              + ": it matches "
              + matches.stream().map(s -> s.id().toShortString()).toList());
    }
    return matches.get(0);
  }

  private static NotFoundException missing(String spec, String ns) {
    return new NotFoundException("Snapshot " + spec + " does not exist in namespace " + ns);
  }
}

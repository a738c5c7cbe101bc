package dev.cairn.api;

import dev.cairn.gc.GarbageCollector;
import dev.cairn.gc.RetentionPlanner;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.Repository;
import java.util.Optional;

/**
 * Garbage collection wired as Cairn runs it, the same for {@code cairn gc} and {@code POST
 * /api/v1/gc}: the retention policies stored in the repository expire snapshots first, and the
 * lineage store's pins (when there is one) are roots.
 */
public final class RepositoryGc {
  private RepositoryGc() {}

  /**
   * A collector of {@code repo}, a repository this process opened directly.
   *
   * @throws dev.cairn.store.InvalidArgumentException if {@code repo} is reached through a server
   */
  public static GarbageCollector collector(Repository repo, Optional<LineageStore> lineage) {
    return new GarbageCollector(repo, new RetentionPlanner(), LineageRoots.of(lineage));
  }
}

package dev.cairn.api;

import dev.cairn.store.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Repository size gauges, computed when Prometheus scrapes. */
final class RepositoryGauges {
  private RepositoryGauges() {}

  static void register(ApiMetrics metrics, Repository repo) {
    metrics.gauge(
        "cairn.repository.snapshots",
        "Snapshots in the repository",
        () -> repo.listSnapshots(Optional.empty()).size());
    metrics.gauge(
        "cairn.repository.stored.bytes",
        "Bytes the repository occupies on disk (packs, index, refs)",
        () -> diskBytes(Path.of(repo.location())));
  }

  private static long diskBytes(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // removed while we walked
                }
              })
          .sum();
    } catch (IOException e) {
      return -1;
    }
  }
}

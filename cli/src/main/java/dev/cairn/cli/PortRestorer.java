package dev.cairn.cli;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.Repository;
import dev.cairn.store.RestoreResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Restores a step's snapshots by port name into directories named after the ports. */
final class PortRestorer {
  private PortRestorer() {}

  /** Refuses a target that exists and is not an empty directory, before anything is written. */
  static void requireEmpty(Path target) throws IOException {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new InvalidArgumentException(
          "Cannot restore to " + target + ": it exists and is not a directory");
    }
    if (Files.isDirectory(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new InvalidArgumentException(
              "Cannot restore to " + target + ": the directory is not empty");
        }
      }
    }
  }

  /** Restores each snapshot, verified, to {@code dir/<port>}, printing one line per port. */
  static void restore(Repository repo, Map<String, String> ports, Path dir, PrintWriter out) {
    ports.forEach(
        (name, snapshot) -> {
          Path to = dir.resolve(safe(name));
          RestoreResult r = repo.restore(ObjectId.parse(snapshot), "", to, Progress.NONE);
          out.printf(
              "%s  %s  (%d files, %s)%n",
              snapshot.substring(0, 12), to, r.files(), Output.bytes(r.bytes()));
        });
  }

  /** Step and port names become directory names; nothing in them may climb out of the target. */
  static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")
        ? "_" + cleaned.replace('.', '_')
        : cleaned;
  }
}

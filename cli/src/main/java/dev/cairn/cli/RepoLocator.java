package dev.cairn.cli;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.Repository;
import java.nio.file.Path;

/** Finds the repository from {@code --repo} or {@code CAIRN_REPO}. */
final class RepoLocator {
  private static Path repo;

  private RepoLocator() {}

  static void set(Path p) {
    repo = p;
  }

  static Path path() {
    if (repo != null) {
      return repo;
    }
    String env = System.getenv("CAIRN_REPO");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    throw new InvalidArgumentException("No repository given: use --repo DIR or set CAIRN_REPO");
  }

  static Repository open() {
    return Repository.open(path());
  }

  /** For commands that only read: takes no lock, so they run while a snapshot is being written. */
  static Repository openReadOnly() {
    return Repository.openReadOnly(path());
  }
}

package dev.cairn.cli;

import dev.cairn.api.client.RemoteOptions;
import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.Repository;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the repository: the server of {@code --server} ({@code CAIRN_SERVER}) when one is given,
 * else the directory of {@code --repo} ({@code CAIRN_REPO}). A remote repository needs no namespace
 * up front: each call takes it from the ref or snapshot it names.
 */
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

  /** The repository to read and write: the server's, or the local one. */
  static Repository open() {
    return remote().orElseGet(RepoLocator::openLocal);
  }

  /**
   * For commands that only read: a local repository is opened without a lock, so they run while a
   * snapshot is being written.
   */
  static Repository openReadOnly() {
    return remote().orElseGet(() -> Repository.openReadOnly(path()));
  }

  /** The local repository, for commands that only make sense next to it (serve, csi). */
  static Repository openLocal() {
    return Repository.open(path());
  }

  private static Optional<Repository> remote() {
    return RemoteLocator.client().map(c -> RemoteRepository.connect(c, RemoteOptions.defaults()));
  }
}

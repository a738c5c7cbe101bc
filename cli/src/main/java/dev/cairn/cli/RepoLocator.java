package dev.cairn.cli;

import dev.cairn.api.client.RemoteOptions;
import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.S3Settings;
import dev.cairn.store.s3.S3Environment;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the repository: the server of {@code --server} ({@code CAIRN_SERVER}) when one is given,
 * else {@code --repo} ({@code CAIRN_REPO}): a directory, or {@code s3://bucket/prefix} reached with
 * the {@code --s3-*} options, the environment and the AWS credentials (see {@link S3Environment}).
 * A remote repository needs no namespace up front: each call takes it from the ref or snapshot it
 * names.
 */
final class RepoLocator {
  private static String repo;
  private static URI s3Endpoint;
  private static String s3Region;
  private static Boolean s3PathStyle;

  private RepoLocator() {}

  static void set(String spec) {
    repo = spec;
  }

  static void setS3Endpoint(URI endpoint) {
    s3Endpoint = endpoint;
  }

  static void setS3Region(String region) {
    s3Region = region;
  }

  static void setS3PathStyle(boolean pathStyle) {
    s3PathStyle = pathStyle;
  }

  private static String spec() {
    if (repo != null) {
      return repo;
    }
    String env = System.getenv("CAIRN_REPO");
    if (env != null && !env.isBlank()) {
      return env;
    }
    throw new InvalidArgumentException(
        "No repository given: use --repo DIR or --repo s3://BUCKET/PREFIX, or set CAIRN_REPO");
  }

  /** The repository's location; S3 settings come from the options, then the environment. */
  static RepositoryLocation location() {
    return location(spec());
  }

  /** A location named on the command line, with the same S3 settings as {@code --repo}. */
  static RepositoryLocation location(String spec) {
    Map<String, String> env = System.getenv();
    S3Settings s3 = S3Environment.settings(env, Path.of(System.getProperty("user.home")));
    if (s3Endpoint != null) {
      s3 = s3.withEndpoint(s3Endpoint);
    }
    if (s3Region != null) {
      s3 = s3.withRegion(s3Region);
    }
    if (s3PathStyle != null) {
      s3 =
          s3.withAddressing(
              s3PathStyle ? S3Settings.Addressing.PATH : S3Settings.Addressing.VIRTUAL_HOST);
    }
    return RepositoryLocation.parse(spec, s3, env);
  }

  /** The directory of a local repository; fails for a bucket repository. */
  static Path path() {
    if (location() instanceof RepositoryLocation.Directory dir) {
      return dir.path();
    }
    throw new InvalidArgumentException(
        "Cannot use "
            + spec()
            + " here: this command needs a repository in a local directory (lineage lives beside"
            + " the repository); run it against 'cairn serve' instead");
  }

  /** Whether the repository lives in a bucket. */
  static boolean inBucket() {
    return location() instanceof RepositoryLocation.Bucket;
  }

  /** The repository to read and write: the server's, or the local one (directory or bucket). */
  static Repository open() {
    return remote().orElseGet(RepoLocator::openLocal);
  }

  /**
   * For commands that only read: a local repository is opened without a lock (a bucket one without
   * the writer lease), so they run while a snapshot is being written.
   */
  static Repository openReadOnly() {
    return remote()
        .orElseGet(() -> Repository.openReadOnly(location(), RepositoryOptions.DEFAULTS));
  }

  /**
   * The repository this machine opens itself (also for commands that serve it: serve, csi); fails
   * at once, saying to use {@code --server}, if a running {@code cairn serve} holds it.
   */
  static Repository openLocal() {
    RepositoryLocation where = location();
    requireNotServed(where);
    return Repository.open(where, RepositoryOptions.DEFAULTS);
  }

  private static void requireNotServed(RepositoryLocation where) {
    if (where instanceof RepositoryLocation.Directory dir) {
      ServeMarker.requireNotServed(dir.path(), "open the repository");
    }
  }

  /**
   * The other end of a push or pull: a server URL ({@code http://} or {@code https://}, with the
   * peer's token), a directory or an {@code s3://} bucket. A local one is opened for writing, or
   * without a lock (a bucket without the writer lease) when it is only read.
   */
  static Repository openPeer(String spec, boolean forWriting) {
    if (spec.startsWith("http://") || spec.startsWith("https://")) {
      return RemoteRepository.connect(RemoteLocator.peerClient(spec), RemoteOptions.defaults());
    }
    if (spec.isBlank() || (spec.contains("://") && !spec.startsWith("s3://"))) {
      throw new InvalidArgumentException(
          "Invalid repository '"
              + spec
              + "': expected a directory, s3://BUCKET/PREFIX or an http(s):// server URL");
    }
    RepositoryLocation peer = location(spec);
    if (forWriting) {
      requireNotServed(peer);
    }
    return forWriting
        ? Repository.open(peer, RepositoryOptions.DEFAULTS)
        : Repository.openReadOnly(peer, RepositoryOptions.DEFAULTS);
  }

  private static Optional<Repository> remote() {
    return RemoteLocator.client().map(c -> RemoteRepository.connect(c, RemoteOptions.defaults()));
  }
}

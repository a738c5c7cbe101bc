package dev.cairn.store;

import dev.cairn.store.engine.BucketRepositories;
import dev.cairn.store.engine.DefaultRepository;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Cairn repository: immutable, deduplicated snapshots of directory trees plus refs naming them.
 * Thread safe; one process opens a repository at a time (others wait for it).
 */
public interface Repository extends AutoCloseable {

  /** Creates a repository in a new or empty directory. */
  static Repository init(Path dir, RepositoryOptions options) {
    return DefaultRepository.init(dir, options);
  }

  /**
   * Opens an existing repository; throws {@link NotFoundException} if there is none at {@code dir}.
   */
  static Repository open(Path dir) {
    return DefaultRepository.open(dir, RepositoryOptions.DEFAULTS);
  }

  /**
   * Opens an existing repository for reading only. It takes no lock, so it works while another
   * process writes; it sees the repository as it was when opened. Writes fail with {@link
   * InvalidArgumentException}.
   */
  static Repository openReadOnly(Path dir) {
    return DefaultRepository.openReadOnly(dir, RepositoryOptions.DEFAULTS);
  }

  static Repository open(Path dir, RepositoryOptions options) {
    return DefaultRepository.open(dir, options);
  }

  /**
   * Creates a repository at a location: a new or empty directory, or an empty prefix of a bucket
   * (the bucket is created when missing and the credentials allow it).
   */
  static Repository init(RepositoryLocation location, RepositoryOptions options) {
    if (location instanceof RepositoryLocation.Bucket bucket) {
      return BucketRepositories.init(bucket, options);
    }
    return init(((RepositoryLocation.Directory) location).path(), options);
  }

  /**
   * Opens an existing repository at a location; {@link NotFoundException} if there is none. A
   * bucket repository first brings its local index up to date with the bucket.
   */
  static Repository open(RepositoryLocation location, RepositoryOptions options) {
    if (location instanceof RepositoryLocation.Bucket bucket) {
      return BucketRepositories.open(bucket, options);
    }
    return open(((RepositoryLocation.Directory) location).path(), options);
  }

  /** Opens an existing repository at a location for reading only (see {@link #openReadOnly}). */
  static Repository openReadOnly(RepositoryLocation location, RepositoryOptions options) {
    if (location instanceof RepositoryLocation.Bucket bucket) {
      return BucketRepositories.openReadOnly(bucket, options);
    }
    return DefaultRepository.openReadOnly(
        ((RepositoryLocation.Directory) location).path(), options);
  }

  /** Where the repository lives, for messages. */
  String location();

  /** The immutable settings chosen at init. */
  RepositoryConfig config();

  /** Snapshots a directory and moves its ref (see {@link SnapshotResult#refUpdate()}). */
  SnapshotResult snapshot(SnapshotRequest request);

  /**
   * Resolves a snapshot named by a full id, a unique hex prefix of at least 8 digits, or a ref
   * {@code namespace/name}. Throws {@link NotFoundException} or, for an ambiguous prefix, {@link
   * InvalidArgumentException}.
   */
  ObjectId resolve(String spec);

  Snapshot loadSnapshot(ObjectId id);

  /** Snapshots of a namespace (all when empty), oldest first. */
  List<Snapshot> listSnapshots(Optional<String> namespace);

  /** A ref's snapshot and its ancestors, newest first. */
  List<Snapshot> history(RefName ref);

  RefStore refs();

  /**
   * The entries of a directory in a snapshot ({@code ""} is the root), or the single entry at a
   * file path.
   */
  List<Entry> list(ObjectId snapshot, String path);

  /** The entry at a path; {@link NotFoundException} if there is none. */
  Entry stat(ObjectId snapshot, String path);

  /** Writes a file's verified content to {@code out}. */
  default long cat(ObjectId snapshot, String path, OutputStream out) {
    return cat(snapshot, path, 0, Long.MAX_VALUE, out);
  }

  /**
   * Writes up to {@code length} bytes of a file's verified content, starting at {@code offset}, to
   * {@code out}; only the chunks that overlap the range are read.
   *
   * @return the bytes written (fewer than {@code length} at the end of the file)
   */
  long cat(ObjectId snapshot, String path, long offset, long length, OutputStream out);

  /**
   * Removes a snapshot from the catalog: it is no longer listed or loadable, and its data stays
   * until garbage collection. Refs and lineage are not consulted; callers check them.
   *
   * @return false if there was no such snapshot
   */
  boolean deleteSnapshot(ObjectId id);

  /**
   * Restores a snapshot, or the subtree at {@code path} in it, to {@code target}, which must not
   * exist or be an empty directory. Never writes outside {@code target}.
   */
  RestoreResult restore(ObjectId snapshot, String path, Path target, Progress progress);

  /** Differences from snapshot {@code a} to snapshot {@code b}, in path order. */
  List<DiffEntry> diff(ObjectId a, ObjectId b);

  /** Verifies structure; with {@code readData} also reads and hashes every stored blob. */
  CheckReport check(CheckOptions options);

  /** Rebuilds the index from pack footers, snapshot objects and the ref journal. */
  CheckReport rebuildIndex();

  @Override
  void close();
}

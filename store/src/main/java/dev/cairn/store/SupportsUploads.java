package dev.cairn.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

/**
 * A repository that accepts snapshots built elsewhere: a client asks which blobs are missing, sends
 * them in packs of the store's own format, then commits a root tree. Nothing becomes visible before
 * the commit, and an interrupted upload leaves only blobs that a retry reuses. Thread safe.
 */
public interface SupportsUploads {

  /** The ids among {@code ids} whose blobs the repository does not hold. */
  Set<ObjectId> missing(Collection<ObjectId> ids);

  /**
   * Reads one pack (at most {@code maxBytes}), verifies its layout and every blob against its id,
   * then stores and indexes it. A torn, malformed or lying pack is refused with {@link
   * InvalidArgumentException} and leaves nothing behind. Idempotent.
   */
  ReceivedPack receivePack(InputStream pack, long maxBytes);

  /** Receives a pack held in a file, as {@link #receivePack(InputStream, long)} does. */
  default ReceivedPack receivePack(Path pack) {
    try (InputStream in = Files.newInputStream(pack)) {
      return receivePack(in, Files.size(pack));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read pack " + pack, e);
    }
  }

  /**
   * Verifies that every tree, file node and chunk below {@code commit.rootTree()} is stored ({@link
   * NotFoundException} naming what is missing otherwise), then stores the snapshot and moves its
   * ref with compare-and-swap in one durable step, as a local snapshot does.
   */
  SnapshotResult commit(SnapshotCommit commit);

  /**
   * Stores a snapshot copied from another repository with its fields unchanged, so its id stays the
   * same: refuses it ({@link InvalidArgumentException}) unless its id is the hash of its fields and
   * its totals match its root tree, and ({@link NotFoundException}) unless every blob below its
   * root is stored. Its parents need not be here. Then moves the import's ref, if any, with
   * compare-and-swap. Importing a snapshot that is already stored only moves the ref. Idempotent.
   */
  SnapshotResult importSnapshot(SnapshotImport snapshot);
}

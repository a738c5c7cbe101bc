package dev.cairn.store;

import java.io.InputStream;
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

  /**
   * Verifies that every tree, file node and chunk below {@code commit.rootTree()} is stored ({@link
   * NotFoundException} naming what is missing otherwise), then stores the snapshot and moves its
   * ref with compare-and-swap in one durable step, as a local snapshot does.
   */
  SnapshotResult commit(SnapshotCommit commit);
}

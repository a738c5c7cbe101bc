package dev.cairn.store;

import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.Tree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What garbage collection needs of a repository beyond {@link Repository}: its trees, its index of
 * blobs and packs, the condemned set with the lock that makes revival race-free, the writers in
 * flight, and the pack operations that keep the index and the packs consistent at every step (so a
 * crash anywhere leaves a repository that checks clean). Policy (what to condemn, when to sweep,
 * which packs to repack) is the caller's. Thread safe; one collection at a time per repository.
 */
public interface GcStorage {

  /**
   * The time as the storage sees it: the injected clock for a directory repository, and for a
   * bucket the last-modified time of an object written for the purpose, so that pack ages and "now"
   * come from one clock.
   */
  Instant storageTime();

  /**
   * The time as the storage sees it, read without writing anything, for dry runs: the injected
   * clock for a directory repository; for a bucket the server's time from its answer to a read (to
   * the second, never ahead of it), or this machine's clock if the server sends no time.
   */
  Instant observedStorageTime();

  Tree loadTree(ObjectId id);

  FileNode loadFile(ObjectId id);

  /** Visits every indexed blob, in id order. */
  void scanBlobs(BlobVisitor visitor);

  /** Visits every condemned blob, in id order. */
  void scanCondemned(CondemnedVisitor visitor);

  /** Every pack object the backend holds, indexed or not, with its size and age. */
  List<ObjectInfo> listPacks();

  /** Whether the index lists the pack (an unlisted pack object is an orphan of a crash). */
  boolean packIndexed(ObjectId pack);

  /** A directory for scratch files on a disk with room for them. */
  Path scratchDir();

  /** Starts watching the writers in flight now and from now on (see {@link SessionWatch}). */
  SessionWatch watchSessions();

  /**
   * Deletes a snapshot unless a ref or tag points at it, atomically with respect to ref updates
   * (which refuse a snapshot that no longer exists): a ref moved onto the snapshot after the
   * collection read its roots keeps it. Returns whether the snapshot was deleted.
   */
  boolean deleteSnapshotUnlessReferenced(ObjectId snapshot);

  /** Condemns blobs durably as of {@code at}; writers revive any they rely on from now on. */
  void condemn(List<ObjectId> ids, Instant at);

  /** Lifts the condemnation of blobs that are referenced again. */
  void pardon(List<ObjectId> ids);

  /**
   * Removes from the index each of {@code ids} that is still condemned, in one durable step that
   * excludes revival; returns the ids removed. Their bytes stay in their packs until the pack is
   * deleted or repacked.
   */
  List<ObjectId> drop(List<ObjectId> ids);

  /** The blobs of a pack and how many of its bytes the index still points at. */
  PackUsage packUsage(ObjectId pack);

  /**
   * Deletes a pack that no index entry points at (an orphan or an emptied pack): the index's pack
   * entry first, then the object. Returns false, changing nothing, if a blob still lives there.
   */
  boolean deletePack(ObjectId pack);

  /**
   * Copies the blobs the index still places in {@code sources} into new packs, points the index at
   * the copies in one durable step, then deletes the sources. A source whose live set changed under
   * the copy is left as it was.
   */
  RepackResult repack(List<ObjectId> sources);

  /** Visits one indexed blob: its id, its pack and its stored (compressed) length. */
  @FunctionalInterface
  interface BlobVisitor {
    void visit(ObjectId id, ObjectId pack, int storedLength);
  }

  /** Visits one condemned blob. */
  @FunctionalInterface
  interface CondemnedVisitor {
    void visit(ObjectId id, Condemnation condemnation);
  }

  /**
   * When a blob was condemned (storage time) and the writer-session stamp taken once the
   * condemnation was visible: 0 if an earlier process condemned it (no writer of this process can
   * have relied on it unrevived). Give the stamp to {@link SessionWatch#allStartedAfter}.
   */
  record Condemnation(Instant at, long stamp) {}

  /**
   * How much of a pack is live, from its footer and the index.
   *
   * @param size the pack object's size
   * @param blobBytes the stored bytes of all its blobs (the size less header and footer)
   * @param liveBytes the stored bytes of the blobs the index places in it
   * @param metadataOnly whether it holds trees and file nodes only (cached whole on S3)
   */
  record PackUsage(
      ObjectId pack,
      long size,
      int blobs,
      long blobBytes,
      int liveBlobs,
      long liveBytes,
      boolean metadataOnly) {}

  /** What a repack did. */
  record RepackResult(
      List<ObjectId> repacked, List<ObjectId> created, long bytesBefore, long bytesAfter) {
    public RepackResult {
      repacked = List.copyOf(repacked);
      created = List.copyOf(created);
    }
  }

  /**
   * The writers (local snapshots, upload commits) that were in flight when a collection began its
   * mark, or started since. Such a writer may have counted on a blob, without reviving it, before
   * the blob was condemned; a condemnation is safe to carry out only once every one of them started
   * after it.
   */
  interface SessionWatch extends AutoCloseable {
    /** Whether every watched writer started after the condemnation stamped {@code stamp}. */
    boolean allStartedAfter(long stamp);

    @Override
    void close();
  }

  /** The GC view of a repository that has one. */
  static Optional<GcStorage> of(Repository repo) {
    return repo instanceof SupportsGc s ? Optional.of(s.gcStorage()) : Optional.empty();
  }
}

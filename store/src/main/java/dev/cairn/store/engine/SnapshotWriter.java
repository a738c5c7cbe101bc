package dev.cairn.store.engine;

import dev.cairn.store.CrashPoints;
import dev.cairn.store.Hosts;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.chunk.FastCdc;
import dev.cairn.store.proto.TreeEntry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Writes one snapshot: walks the source (reusing unchanged files of the parent, chunking the rest
 * in parallel, building trees bottom-up), then commits in the order that makes a crash harmless:
 * packs, snapshot object, then catalog + ref + file cache in one synced batch.
 */
final class SnapshotWriter {
  /**
   * Files whose mtime or ctime is this close to the snapshot start may change unseen: not cached.
   */
  static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  private final DefaultRepository repo;
  private final FileChunker chunker;
  private final SourceWalk.Pools pools;
  private final Clock clock;

  SnapshotWriter(DefaultRepository repo, FastCdc cdc, int threads, Clock clock) {
    this.repo = repo;
    this.chunker = new FileChunker(cdc, repo.blobs(), repo.chunkPool(), threads);
    this.pools = new SourceWalk.Pools(repo.walkPool(), repo.pool(), new Semaphore(threads * 4));
    this.clock = clock;
  }

  SnapshotResult write(SnapshotRequest request) {
    Path source = request.source().toAbsolutePath().normalize();
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("Cannot snapshot " + source + ": not a directory");
    }
    repo.refs().recover(request.ref());
    long failedUploads = repo.blobs().failedUploads();
    Optional<ObjectId> parent =
        request.noParent()
            ? Optional.empty()
            : request.parent().isPresent()
                ? request.parent()
                : repo.refs().find(request.ref()).map(r -> r.target());
    Optional<Snapshot> parentSnapshot = parent.map(repo::loadSnapshot);
    Optional<ObjectId> expectedRef = repo.refs().find(request.ref()).map(r -> r.target());

    IndexFileReuse reuse = new IndexFileReuse(repo.index(), repo.condemned(), repo.trees());
    SourceWalk walk =
        new SourceWalk(
            repo.blobs(),
            repo.trees(),
            chunker,
            reuse,
            pools,
            new SourceWalk.Options(
                request.progress(),
                clock.instant().minus(RACY_WINDOW),
                Optional.of(repo.excludedPath()),
                request.overlayLower().isPresent()));
    Optional<ObjectId> lowerRoot =
        request.overlayLower().map(id -> repo.loadSnapshot(id).rootTree());
    lowerRoot.ifPresent(l -> reviveLower(source, request.overlayLower().get(), l));
    TreeEntry root = walk.run(source, parentSnapshot.map(Snapshot::rootTree), lowerRoot);
    repo.blobs().flush(failedUploads);
    CrashPoints.visit("packs-flushed");

    Snapshot draft =
        new Snapshot(
            null,
            ObjectId.of(root.getTarget()),
            parent.stream().toList(),
            request.kind(),
            request.ref().namespace(),
            request.origin().orElse(Hosts.name() + ":" + source),
            request.labels(),
            request.creator(),
            request.message(),
            clock.instant(),
            root.getFileCount(),
            root.getSize());
    SnapshotCommitter.Committed c =
        new SnapshotCommitter(repo)
            .commit(
                draft,
                request.ref(),
                RefExpectation.of(expectedRef),
                "snapshot " + request.source(),
                reuse::addTo);
    CrashPoints.visit("committed");
    WriteStats s = walk.stats;
    return new SnapshotResult(
        c.snapshot(),
        c.refUpdate(),
        s.filesRead(),
        s.filesReused(),
        s.bytesRead(),
        s.blobsAdded(),
        s.rawBytesAdded(),
        s.storedBytesAdded());
  }

  /**
   * The walk keeps the lower snapshot's entries that the upper layer does not mention without
   * storing them, so nothing revives them on the way. The lower snapshot may hold blobs condemned
   * while it was in flight, and be deleted before a mark pardons them: while anything is condemned,
   * revive its whole closure first (this writer's session covers later condemnations).
   */
  private void reviveLower(Path source, ObjectId lower, ObjectId lowerRoot) {
    if (!repo.condemned().anyCondemned()) {
      return;
    }
    List<ObjectId> gone = ClosureVerifier.of(repo).missing(lowerRoot, Optional.empty());
    if (!gone.isEmpty()) {
      throw new NotFoundException(
          "Cannot snapshot "
              + source
              + " over lower snapshot "
              + lower.toShortString()
              + ": blobs it holds are no longer stored ("
              + String.join(", ", gone.stream().map(ObjectId::toString).toList())
              + ")");
    }
  }
}

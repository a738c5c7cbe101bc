package dev.cairn.store.engine;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotResult;
import java.time.Clock;
import java.util.Optional;

/**
 * Commits a snapshot whose blobs a client uploaded: checks the parent, proves the tree's closure is
 * stored, then commits exactly as a local snapshot does. Totals come from the root tree, not from
 * the client.
 */
final class UploadCommitter {
  private final DefaultRepository repo;
  private final Clock clock;

  UploadCommitter(DefaultRepository repo, Clock clock) {
    this.repo = repo;
    this.clock = clock;
  }

  SnapshotResult commit(SnapshotCommit c) {
    repo.refs().recover(c.ref());
    Optional<Snapshot> parent = c.parent().map(id -> parent(id, c));
    ClosureVerifier.requireComplete(
        repo,
        c.rootTree(),
        parent.map(Snapshot::rootTree),
        "commit snapshot to " + c.ref(),
        "commit");
    TreeTotals totals = TreeTotals.of(repo.trees(), c.rootTree());
    Snapshot draft =
        new Snapshot(
            null,
            c.rootTree(),
            c.parent().stream().toList(),
            c.kind(),
            c.ref().namespace(),
            c.source(),
            c.labels(),
            c.creator(),
            c.message(),
            clock.instant(),
            totals.files(),
            totals.bytes());
    SnapshotCommitter.Committed done =
        new SnapshotCommitter(repo)
            .commit(draft, c.ref(), c.expected(), "snapshot " + c.source(), batch -> {});
    return new SnapshotResult(done.snapshot(), done.refUpdate(), 0, 0, 0, 0, 0, 0);
  }

  private Snapshot parent(ObjectId id, SnapshotCommit c) {
    Snapshot p;
    try {
      p = repo.loadSnapshot(id);
    } catch (NotFoundException e) {
      throw new InvalidArgumentException(
          "Cannot commit snapshot to " + c.ref() + ": parent " + id + " does not exist");
    }
    if (!p.namespace().equals(c.ref().namespace())) {
      // Reported like a missing one, so the answer reveals nothing about other namespaces.
      throw new InvalidArgumentException(
          "Cannot commit snapshot to " + c.ref() + ": parent " + id + " does not exist");
    }
    return p;
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.TreeEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Commits a snapshot whose blobs a client uploaded: checks the parent, proves the tree's closure is
 * stored, then commits exactly as a local snapshot does. Totals come from the root tree, not from
 * the client.
 */
final class UploadCommitter {
  /** How many missing ids an error names; enough to act on, short enough to read. */
  private static final int REPORTED_MISSING = 20;

  private final DefaultRepository repo;
  private final Clock clock;

  UploadCommitter(DefaultRepository repo, Clock clock) {
    this.repo = repo;
    this.clock = clock;
  }

  SnapshotResult commit(SnapshotCommit c) {
    repo.refs().recover(c.ref());
    Optional<Snapshot> parent = c.parent().map(id -> parent(id, c));
    List<ObjectId> missing =
        new ClosureVerifier(repo.trees(), repo.index(), repo.condemned(), REPORTED_MISSING)
            .missing(c.rootTree(), parent.map(Snapshot::rootTree));
    if (!missing.isEmpty()) {
      throw new NotFoundException(
          "Cannot commit snapshot to "
              + c.ref()
              + ": "
              + (missing.size() < REPORTED_MISSING ? "" : "at least ")
              + missing.size()
              + " blob(s) it references are not stored ("
              + String.join(", ", missing.stream().map(ObjectId::toString).toList())
              + "); upload them and commit again");
    }
    long files = 0;
    long bytes = 0;
    for (TreeEntry e : repo.trees().loadTree(c.rootTree()).getEntriesList()) {
      bytes += e.getSize();
      files +=
          e.getKind() == EntryKind.ENTRY_KIND_DIR
              ? e.getFileCount()
              : e.getKind() == EntryKind.ENTRY_KIND_FILE ? 1 : 0;
    }
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
            files,
            bytes);
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

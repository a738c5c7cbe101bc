package dev.cairn.store.engine;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.index.RocksIndex.Table;
import java.util.Optional;

/**
 * Stores a snapshot copied from another repository unchanged, so it keeps its id: checks that the
 * id is the hash of its fields, that its tree's closure is stored (walking beside a parent already
 * here, so the cost grows with what differs) and that its totals match its tree, then commits it as
 * a local snapshot is committed.
 */
final class SnapshotImporter {
  private final DefaultRepository repo;

  SnapshotImporter(DefaultRepository repo) {
    this.repo = repo;
  }

  SnapshotResult importSnapshot(SnapshotImport request) {
    Snapshot s = request.snapshot();
    ObjectId computed = ObjectId.hash(SnapshotCodec.toRecord(s).toByteArray());
    if (!computed.equals(s.id())) {
      throw new InvalidArgumentException(
          "Cannot import snapshot "
              + s.id()
              + ": its fields hash to "
              + computed
              + ", so it was altered on the way");
    }
    request.ref().ifPresent(r -> repo.refs().recover(r));
    Optional<Snapshot> stored = find(s.id());
    if (stored.isEmpty()) {
      verify(s);
    }
    if (request.ref().isEmpty()) {
      Snapshot done = stored.orElseGet(() -> new SnapshotCommitter(repo).store(s));
      return new SnapshotResult(done, RefUpdate.UNCHANGED, 0, 0, 0, 0, 0, 0);
    }
    if (stored.isPresent()) {
      RefUpdate update =
          repo.refs().update(request.ref().get(), request.expected(), s.id(), "pushed " + s.id());
      return new SnapshotResult(stored.get(), update, 0, 0, 0, 0, 0, 0);
    }
    SnapshotCommitter.Committed done =
        new SnapshotCommitter(repo)
            .commit(s, request.ref().get(), request.expected(), "pushed " + s.id(), batch -> {});
    return new SnapshotResult(done.snapshot(), done.refUpdate(), 0, 0, 0, 0, 0, 0);
  }

  private void verify(Snapshot s) {
    // A parent in the catalog was committed with its whole closure: what it shares is stored.
    Optional<ObjectId> base =
        s.parents().stream()
            .map(this::find)
            .flatMap(Optional::stream)
            .map(Snapshot::rootTree)
            .findFirst();
    ClosureVerifier.requireComplete(
        repo, s.rootTree(), base, "import snapshot " + s.id().toShortString(), "import");
    TreeTotals totals = TreeTotals.of(repo.trees(), s.rootTree());
    if (totals.files() != s.totalFiles() || totals.bytes() != s.totalBytes()) {
      throw new InvalidArgumentException(
          "Cannot import snapshot "
              + s.id().toShortString()
              + ": it claims "
              + s.totalFiles()
              + " files and "
              + s.totalBytes()
              + " bytes but its tree holds "
              + totals.files()
              + " files and "
              + totals.bytes()
              + " bytes");
    }
  }

  private Optional<Snapshot> find(ObjectId id) {
    return repo.index()
        .get(Table.SNAPSHOTS, id.toBytes())
        .map(bytes -> SnapshotCodec.parseIndexed(id, bytes));
  }
}

package dev.cairn.store.transfer;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.SupportsTransfer;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.TransferOptions;
import dev.cairn.store.TransferResult;
import dev.cairn.store.pack.BlobCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies a snapshot, and optionally its history, from one repository to another: local or bucket
 * repositories, or a server through a client that adapts it to {@link SupportsTransfer}. Only the
 * blobs the destination lacks are sent, in packs it verifies blob by blob on arrival; each snapshot
 * is then stored with its fields unchanged, so it keeps its id. Nothing is visible at the
 * destination before its snapshot is stored, and an interrupted copy is resumed by running it
 * again: the packs that arrived are kept, and only what is still missing is sent.
 */
public final class SnapshotTransfer {
  /** How far back along first parents a base for the walk is looked for. */
  private static final int BASE_SEARCH = 64;

  private final Repository source;
  private final Repository destination;
  private final SupportsTransfer from;
  private final SupportsTransfer to;

  /** Copies between two repositories that each support transfers. */
  public SnapshotTransfer(Repository source, Repository destination) {
    this(source, capable(source), destination, capable(destination));
  }

  /**
   * Copies between repositories whose blobs and uploads are reached through {@code from} and {@code
   * to} (a fault-injecting or metered layer, say); catalogs and refs through the repositories.
   */
  public SnapshotTransfer(
      Repository source, SupportsTransfer from, Repository destination, SupportsTransfer to) {
    this.source = source;
    this.destination = destination;
    this.from = from;
    this.to = to;
  }

  private static SupportsTransfer capable(Repository repo) {
    if (repo instanceof SupportsTransfer t) {
      return t;
    }
    throw new InvalidArgumentException(
        "Cannot copy snapshots to or from " + repo.location() + ": it does not support transfers");
  }

  /**
   * Copies {@code snapshot} (and the ancestors {@code options} ask for) and moves the ref it names.
   * A ref that would not fast-forward is refused with {@link dev.cairn.store.ConflictException}
   * before anything is sent, unless forced.
   */
  public TransferResult copy(ObjectId snapshot, TransferOptions options) {
    Ancestry ancestry = new Ancestry(source);
    Snapshot top = source.loadSnapshot(snapshot);
    Optional<RefMove> move =
        options
            .ref()
            .map(
                ref ->
                    RefMove.decide(
                        ref,
                        destination.refs().find(ref),
                        top,
                        ancestry,
                        options.force(),
                        destination.location()));
    List<Snapshot> chain = ancestry.chain(top, options.depth());
    Map<ObjectId, Boolean> present = new HashMap<>();
    chain.forEach(s -> present.put(s.id(), exists(s.id())));

    SourceBlobs blobs = new SourceBlobs(from.blobs(top.namespace()), source.location());
    SupportsUploads uploads = to.uploads(top.namespace());
    TransferPlanner planner = new TransferPlanner(blobs, uploads);
    Set<ObjectId> complete = new HashSet<>();
    present.forEach(
        (id, here) -> {
          if (here) complete.add(id);
        });
    for (Snapshot s : chain) {
      if (!present.get(s.id())) {
        planner.plan(s.rootTree(), base(s, ancestry, complete));
        complete.add(s.id());
      }
    }
    var missing = planner.missing();
    long bytes = missing.stream().mapToLong(PlannedBlob::rawLength).sum();
    Progress progress = options.progress().start(missing.size(), bytes);
    BlobCodec codec = new BlobCodec(destination.config().compressionLevel());
    try (PackSender sender =
        new PackSender(
            blobs,
            from.storedBlobs(top.namespace()),
            uploads,
            codec,
            destination.config().packTargetBytes(),
            options.threads(),
            options.tempDir())) {
      sender.send(missing, progress);
      List<ObjectId> copied = new ArrayList<>();
      Optional<RefUpdate> refUpdate = Optional.empty();
      for (Snapshot s : chain) {
        boolean last = s.id().equals(top.id());
        Optional<RefMove> moveHere =
            last ? move.filter(m -> m.expected().isPresent()) : Optional.empty();
        if (present.get(s.id()) && moveHere.isEmpty()) {
          continue;
        }
        SnapshotImport request =
            moveHere
                .map(m -> new SnapshotImport(s, Optional.of(m.ref()), m.expected().get()))
                .orElseGet(() -> SnapshotImport.withoutRef(s));
        SnapshotResult r = to.uploads(s.namespace()).importSnapshot(request);
        if (!present.get(s.id())) {
          copied.add(s.id());
        }
        if (moveHere.isPresent()) {
          refUpdate = Optional.of(r.refUpdate());
        }
      }
      if (move.isPresent() && refUpdate.isEmpty()) {
        refUpdate = Optional.of(RefUpdate.UNCHANGED);
      }
      return new TransferResult(
          top,
          copied,
          (int) present.values().stream().filter(b -> b).count(),
          sender.blobsSent(),
          sender.rawBytesSent(),
          sender.packsSent(),
          sender.packBytesSent(),
          planner.blobsSkipped(),
          planner.bytesSkipped(),
          move.map(RefMove::ref),
          refUpdate);
    }
  }

  /**
   * The root tree of the nearest first-parent ancestor whose closure the destination holds or will
   * hold when this transfer's packs are in, or empty when there is none close by.
   */
  private Optional<ObjectId> base(Snapshot s, Ancestry ancestry, Set<ObjectId> complete) {
    Optional<Snapshot> at = Optional.of(s);
    for (int i = 0; i < BASE_SEARCH && at.isPresent(); i++) {
      List<ObjectId> parents = at.get().parents();
      if (parents.isEmpty()) {
        return Optional.empty();
      }
      ObjectId p = parents.get(0);
      at = ancestry.find(p);
      if (at.isPresent() && (complete.contains(p) || exists(p))) {
        complete.add(p);
        return Optional.of(at.get().rootTree());
      }
    }
    return Optional.empty();
  }

  private boolean exists(ObjectId id) {
    try {
      destination.loadSnapshot(id);
      return true;
    } catch (dev.cairn.store.NotFoundException e) {
      return false;
    }
  }
}

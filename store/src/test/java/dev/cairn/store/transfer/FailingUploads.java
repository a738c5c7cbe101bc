package dev.cairn.store.transfer;

import dev.cairn.store.BlobSource;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.SupportsTransfer;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.UnavailableException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A destination whose connection breaks after it has accepted a number of packs. */
final class FailingUploads implements SupportsTransfer, SupportsUploads {
  private final Repository repo;
  private final SupportsUploads uploads;
  private final AtomicInteger packsLeft;

  FailingUploads(Repository repo, int packsBeforeFailure) {
    this.repo = repo;
    this.uploads = (SupportsUploads) repo;
    this.packsLeft = new AtomicInteger(packsBeforeFailure);
  }

  @Override
  public BlobSource blobs(String namespace) {
    return ((SupportsTransfer) repo).blobs(namespace);
  }

  @Override
  public SupportsUploads uploads(String namespace) {
    return this;
  }

  @Override
  public Set<ObjectId> missing(Collection<ObjectId> ids) {
    return uploads.missing(ids);
  }

  @Override
  public ReceivedPack receivePack(InputStream pack, long maxBytes) {
    if (packsLeft.getAndDecrement() <= 0) {
      throw new UnavailableException("Connection reset (injected)");
    }
    return uploads.receivePack(pack, maxBytes);
  }

  @Override
  public SnapshotResult commit(SnapshotCommit commit) {
    return uploads.commit(commit);
  }

  @Override
  public SnapshotResult importSnapshot(SnapshotImport snapshot) {
    return uploads.importSnapshot(snapshot);
  }
}

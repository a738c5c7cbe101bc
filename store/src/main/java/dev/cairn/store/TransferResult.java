package dev.cairn.store;

import java.util.List;
import java.util.Optional;

/**
 * What a snapshot transfer did.
 *
 * @param snapshot the snapshot asked for, with the same id in both repositories
 * @param copied snapshots stored at the destination by this transfer, oldest first
 * @param alreadyThere snapshots of the copied history the destination held before
 * @param blobsSent blobs sent, in {@code packsSent} packs of {@code packBytesSent} bytes
 * @param rawBytesSent their uncompressed bytes
 * @param blobsSkipped blobs the destination was asked about and already held
 * @param bytesSkipped file content not sent because the destination held it
 * @param ref the destination ref the transfer moved, if one was asked for
 * @param refUpdate what happened to {@code ref} (empty without one)
 */
public record TransferResult(
    Snapshot snapshot,
    List<ObjectId> copied,
    int alreadyThere,
    long blobsSent,
    long rawBytesSent,
    long packsSent,
    long packBytesSent,
    long blobsSkipped,
    long bytesSkipped,
    Optional<RefName> ref,
    Optional<RefUpdate> refUpdate) {

  public TransferResult {
    copied = List.copyOf(copied);
  }
}

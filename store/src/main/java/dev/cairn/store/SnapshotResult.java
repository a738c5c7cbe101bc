package dev.cairn.store;

/**
 * A written snapshot and what it cost. {@code refUpdate} is CONFLICT when another writer moved the
 * ref meanwhile: the snapshot exists, but the ref does not point at it.
 */
public record SnapshotResult(
    Snapshot snapshot,
    RefUpdate refUpdate,
    long filesRead,
    long filesReused,
    long bytesRead,
    long blobsAdded,
    long rawBytesAdded,
    long storedBytesAdded) {}

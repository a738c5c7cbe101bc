package dev.cairn.store.transfer;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;

/** A blob the destination lacks: what it is, and its uncompressed length where known (else 0). */
record PlannedBlob(BlobKind kind, ObjectId id, long rawLength) {}

package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.BlobType;

/**
 * Where a snapshot walk puts the blobs it makes: the repository's {@link BlobStore}, or a client's
 * upload. Called from many threads.
 */
@FunctionalInterface
interface BlobPut {
  /** Stores or forwards a blob whose id the caller computed; the array is reused after return. */
  void put(BlobType type, ObjectId id, byte[] raw, int off, int len, WriteStats stats);

  /** Hashes a blob, puts it, and returns its id. */
  default ObjectId put(BlobType type, byte[] raw, int off, int len, WriteStats stats) {
    ObjectId id = ObjectId.hash(raw, off, len);
    put(type, id, raw, off, len, stats);
    return id;
  }
}

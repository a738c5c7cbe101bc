package dev.cairn.gc;

import dev.cairn.store.GcStorage;
import dev.cairn.store.GcStorage.Condemnation;
import dev.cairn.store.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * A copy of the repository's condemned blobs taken before a pass over the index, in {@link
 * ScratchDb}, so the pass looks each blob up on disk instead of holding the set in heap.
 */
final class CondemnedSet {
  private final ScratchDb db;
  private final byte kind;
  private long size;

  /** A copy under its own key kind ({@code 'a'} for the first pass, and so on). */
  CondemnedSet(ScratchDb db, int pass) {
    this.db = db;
    this.kind = (byte) ('a' + pass);
  }

  /** Copies the repository's condemned set as it is now. */
  void load(GcStorage storage) {
    storage.scanCondemned(
        (id, c) -> {
          db.put(
              kind,
              id,
              ByteBuffer.allocate(16).putLong(c.at().toEpochMilli()).putLong(c.stamp()).array());
          size++;
        });
  }

  Optional<Condemnation> find(ObjectId id) {
    if (size == 0) {
      return Optional.empty();
    }
    return db.find(kind, id)
        .map(
            v -> {
              ByteBuffer b = ByteBuffer.wrap(v);
              return new Condemnation(Instant.ofEpochMilli(b.getLong()), b.getLong());
            });
  }
}

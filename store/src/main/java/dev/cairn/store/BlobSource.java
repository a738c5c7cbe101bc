package dev.cairn.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads blobs by id, for restoring from somewhere other than a local repository (a server). What a
 * source returns is not trusted: {@link SnapshotRestorer} verifies every blob against its id.
 * Thread safe.
 */
@FunctionalInterface
public interface BlobSource {
  /** The bytes stored under {@code id}; throws {@link NotFoundException} if there are none. */
  byte[] read(ObjectId id);

  /**
   * The bytes of each of {@code ids}, in the order given; throws {@link NotFoundException} if one
   * is missing. A source that can fetch many at once (a server) answers in one round trip.
   */
  default List<byte[]> readAll(List<ObjectId> ids) {
    List<byte[]> out = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      out.add(read(id));
    }
    return out;
  }
}

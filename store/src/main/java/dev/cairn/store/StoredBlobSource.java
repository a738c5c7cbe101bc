package dev.cairn.store;

import java.util.ArrayList;
import java.util.List;

/** Reads blobs as they are stored (see {@link StoredBlob}). Thread safe. */
@FunctionalInterface
public interface StoredBlobSource {
  /** The stored form of {@code id}; throws {@link NotFoundException} if there is none. */
  StoredBlob readStored(ObjectId id);

  /**
   * The stored forms of {@code ids}, in the order given; throws {@link NotFoundException} if one is
   * missing. A source that can fetch many at once (a server) answers in one round trip.
   */
  default List<StoredBlob> readStored(List<ObjectId> ids) {
    List<StoredBlob> out = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      out.add(readStored(id));
    }
    return out;
  }
}

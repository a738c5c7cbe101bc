package dev.cairn.store;

/** Reads blobs as they are stored (see {@link StoredBlob}). Thread safe. */
@FunctionalInterface
public interface StoredBlobSource {
  /** The stored form of {@code id}; throws {@link NotFoundException} if there is none. */
  StoredBlob readStored(ObjectId id);
}

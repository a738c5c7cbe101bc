package dev.cairn.store;

/**
 * Where a {@link TreeBuilder} sends the blobs of the tree it builds. Implementations are called
 * from many threads at once and may block to slow the builder down.
 */
@FunctionalInterface
public interface BlobSink {
  /**
   * Takes a blob whose id is the SHA-256 of {@code data[offset, offset + length)}. The same blob
   * may arrive more than once. The sink must copy what it keeps: the array is reused after return.
   */
  void put(BlobKind kind, ObjectId id, byte[] data, int offset, int length);
}

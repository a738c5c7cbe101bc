package dev.cairn.store.pack;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.Compression;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds one pack for upload in the store's own format, from blobs compressed as the store
 * compresses them. Encoding is separate from appending so callers can compress on many threads and
 * append under their own lock. Not thread safe.
 */
public final class PackBuilder implements AutoCloseable {
  private final PackWriter writer;
  private long rawBytes;

  /** A blob ready to append: its stored bytes (zstd where that pays) in an array of its own. */
  public record Encoded(
      BlobKind kind, ObjectId id, byte[] stored, int rawLength, boolean compressed) {}

  public PackBuilder(Path tempDir) {
    this.writer = new PackWriter(tempDir, "upload-");
  }

  /**
   * A pack written into {@code out} as it is built; see {@link PackWriter#PackWriter(OutputStream,
   * String)}.
   */
  public PackBuilder(OutputStream out, String name) {
    this.writer = new PackWriter(out, name);
  }

  /** Encodes {@code raw[off, off + len)}, whose hash is {@code id}. Thread safe. */
  public static Encoded encode(
      BlobCodec codec, BlobKind kind, ObjectId id, byte[] raw, int off, int len) {
    BlobCodec.Encoded enc = codec.encode(raw, off, len);
    return enc == null
        ? new Encoded(kind, id, Arrays.copyOfRange(raw, off, off + len), len, false)
        : new Encoded(kind, id, Arrays.copyOf(enc.bytes(), enc.length()), len, true);
  }

  public void add(Encoded blob) {
    add(
        blob.kind(),
        blob.id(),
        blob.stored(),
        0,
        blob.stored().length,
        blob.rawLength(),
        blob.compressed() ? Compression.COMPRESSION_ZSTD : Compression.COMPRESSION_NONE);
  }

  /**
   * Appends one blob stored as {@code stored[off, off + len)} in {@code compression}; the array is
   * not kept.
   */
  public void add(
      BlobKind kind,
      ObjectId id,
      byte[] stored,
      int off,
      int len,
      int rawLength,
      Compression compression) {
    writer.append(id, type(kind), stored, off, len, rawLength, compression);
    rawBytes += rawLength;
  }

  /** Bytes written so far, header included. */
  public long size() {
    return writer.size();
  }

  public int blobCount() {
    return writer.blobCount();
  }

  /** The blobs' uncompressed bytes. */
  public long rawBytes() {
    return rawBytes;
  }

  /**
   * Writes the footer; the caller uploads and then deletes {@link SealedPack#file()}, if it has
   * one.
   */
  public SealedPack seal() {
    return writer.seal();
  }

  private static BlobType type(BlobKind kind) {
    return switch (kind) {
      case CHUNK -> BlobType.BLOB_TYPE_CHUNK;
      case FILE_NODE -> BlobType.BLOB_TYPE_FILE;
      case TREE -> BlobType.BLOB_TYPE_TREE;
    };
  }

  /** Discards an unsealed pack. */
  @Override
  public void close() {
    writer.close();
  }
}

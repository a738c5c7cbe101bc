package dev.cairn.store.pack;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * zstd compression of blobs, skipped when it does not pay: a blob is stored raw unless compression
 * saves at least 1/16 of it. Thread safe.
 */
public final class BlobCodec {
  /** Below this, compression overhead outweighs savings. */
  private static final int MIN_COMPRESS = 64;

  // zstd contexts are expensive to create (measured: reusing one doubles encode speed on
  // incompressible data) and not thread safe, so each thread keeps its own.
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  private final ThreadLocal<ZstdCompressCtx> compressors;
  // Reused per thread: the caller consumes an Encoded before it encodes the next blob.
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[0]);

  public BlobCodec(int level) {
    this.compressors = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level));
  }

  /**
   * The stored form of a blob: compressed bytes, or null to store it raw. The returned bytes are
   * valid until this thread's next call.
   */
  public Encoded encode(byte[] raw, int off, int len) {
    if (len < MIN_COMPRESS) {
      return null;
    }
    int bound = (int) Zstd.compressBound(len);
    byte[] dst = buffers.get();
    if (dst.length < bound) {
      dst = new byte[bound];
      buffers.set(dst);
    }
    int n;
    try {
      n = compressors.get().compressByteArray(dst, 0, dst.length, raw, off, len);
    } catch (ZstdException e) {
      return null;
    }
    if (n > len - (len >> 4)) {
      return null;
    }
    return new Encoded(dst, (int) n);
  }

  /** Compressed bytes in {@code bytes[0, length)}. */
  public record Encoded(byte[] bytes, int length) {}

  /** Decodes stored bytes and verifies they hash to the blob's id. */
  public static byte[] decode(byte[] stored, PackEntryView entry, String where) {
    byte[] raw;
    if (entry.compression() == Compression.COMPRESSION_ZSTD) {
      raw = new byte[entry.rawLength()];
      int n;
      try {
        n = DECOMPRESSORS.get().decompressByteArray(raw, 0, raw.length, stored, 0, stored.length);
      } catch (ZstdException e) {
        throw new CorruptException(
            "Blob " + entry.id() + " " + where + " does not decompress: " + e.getMessage(), e);
      }
      if (n != raw.length) {
        throw new CorruptException(
            "Blob " + entry.id() + " " + where + " does not decompress to its length");
      }
    } else if (entry.compression() == Compression.COMPRESSION_NONE) {
      raw = stored;
    } else {
      throw new CorruptException(
          "Blob " + entry.id() + " " + where + " has unknown compression " + entry.compression());
    }
    if (raw.length != entry.rawLength() || !ObjectId.hash(raw).equals(entry.id())) {
      throw new CorruptException(
          "Blob " + entry.id() + " " + where + " is corrupt: its content does not match its id");
    }
    return raw;
  }

  /** Decodes a blob as stored and verifies it against its id, as {@link #decode} does. */
  public static byte[] decode(StoredBlob blob, String where) {
    return decode(
        blob.bytes(),
        new PackEntryView(
            blob.id(),
            blob.compressed() ? Compression.COMPRESSION_ZSTD : Compression.COMPRESSION_NONE,
            blob.rawLength()),
        where);
  }

  /**
   * Decodes stored bytes held in a direct buffer into {@code scratch} (or returns {@code stored}
   * itself when it is raw) and verifies the result against the blob's id. Nothing is allocated per
   * call; the returned buffer is valid until the caller reuses its buffers.
   */
  public static ByteBuffer decodeDirect(
      ByteBuffer stored, ByteBuffer scratch, PackEntryView entry, String where) {
    ByteBuffer raw;
    if (entry.compression() == Compression.COMPRESSION_ZSTD) {
      int n;
      try {
        n =
            DECOMPRESSORS
                .get()
                .decompressDirectByteBuffer(
                    scratch, 0, entry.rawLength(), stored, stored.position(), stored.remaining());
      } catch (ZstdException e) {
        throw new CorruptException(
            "Blob " + entry.id() + " " + where + " does not decompress: " + e.getMessage(), e);
      }
      if (n != entry.rawLength()) {
        throw new CorruptException(
            "Blob " + entry.id() + " " + where + " does not decompress to its length");
      }
      raw = scratch.clear().limit(n);
    } else if (entry.compression() == Compression.COMPRESSION_NONE) {
      raw = stored;
    } else {
      throw new CorruptException(
          "Blob " + entry.id() + " " + where + " has unknown compression " + entry.compression());
    }
    MessageDigest md = ObjectId.sha256();
    md.update(raw.duplicate());
    if (raw.remaining() != entry.rawLength() || !ObjectId.fromDigest(md).equals(entry.id())) {
      throw new CorruptException(
          "Blob " + entry.id() + " " + where + " is corrupt: its content does not match its id");
    }
    return raw;
  }

  /** The fields of a pack entry or index location that decoding needs. */
  public record PackEntryView(ObjectId id, Compression compression, int rawLength) {
    public static PackEntryView of(PackEntry e) {
      return new PackEntryView(ObjectId.of(e.getId()), e.getCompression(), e.getRawLength());
    }
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackWriter;
import dev.cairn.store.pack.SealedPack;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes packs the way a client would, and, on request, packs that lie about their content. */
final class PackMaker {
  private final Path dir;

  PackMaker(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** A well-formed pack of the given blobs, compressed where that pays. */
  byte[] pack(Map<ObjectId, CollectingSink.Blob> blobs) throws IOException {
    PackWriter w = new PackWriter(dir, "test-");
    BlobCodec codec = new BlobCodec(1);
    blobs.forEach(
        (id, b) -> {
          BlobCodec.Encoded enc = codec.encode(b.bytes(), 0, b.bytes().length);
          if (enc == null) {
            w.append(
                id,
                type(b.kind()),
                b.bytes(),
                0,
                b.bytes().length,
                b.bytes().length,
                Compression.COMPRESSION_NONE);
          } else {
            w.append(
                id,
                type(b.kind()),
                enc.bytes(),
                0,
                enc.length(),
                b.bytes().length,
                Compression.COMPRESSION_ZSTD);
          }
        });
    return read(w.seal());
  }

  /** A well-formed pack whose one blob is filed under an id it does not hash to. */
  byte[] lyingPack(ObjectId claimed, byte[] content) throws IOException {
    PackWriter w = new PackWriter(dir, "test-");
    w.append(
        claimed,
        BlobType.BLOB_TYPE_CHUNK,
        content,
        0,
        content.length,
        content.length,
        Compression.COMPRESSION_NONE);
    return read(w.seal());
  }

  private static byte[] read(SealedPack sealed) throws IOException {
    byte[] bytes = Files.readAllBytes(sealed.file());
    Files.delete(sealed.file());
    return bytes;
  }

  static BlobType type(BlobKind kind) {
    return switch (kind) {
      case CHUNK -> BlobType.BLOB_TYPE_CHUNK;
      case FILE_NODE -> BlobType.BLOB_TYPE_FILE;
      case TREE -> BlobType.BLOB_TYPE_TREE;
    };
  }
}

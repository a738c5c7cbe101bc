package dev.cairn.store.pack;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends blobs to one pack in a local temp file and seals it with its footer. Not thread safe: the
 * owner serializes appends.
 */
public final class PackWriter implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final List<PackEntry> entries = new ArrayList<>();
  private long size;

  public PackWriter(Path tempDir, String prefix) {
    try {
      this.file = Files.createTempFile(tempDir, prefix, ".pack.tmp");
      this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
      write(PackFormat.HEADER, 0, PackFormat.HEADER.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a pack in " + tempDir, e);
    }
  }

  /** Appends stored bytes (already compressed if {@code compression} says so). */
  public void append(
      ObjectId id,
      BlobType type,
      byte[] stored,
      int off,
      int len,
      int rawLength,
      Compression compression) {
    entries.add(
        PackEntry.newBuilder()
            .setId(id.toByteString())
            .setType(type)
            .setOffset(size)
            .setStoredLength(len)
            .setRawLength(rawLength)
            .setCompression(compression)
            .build());
    write(stored, off, len);
  }

  public long size() {
    return size;
  }

  public int blobCount() {
    return entries.size();
  }

  /**
   * Writes the footer and closes the file; the caller hands {@link SealedPack#file()} to the
   * backend.
   */
  public SealedPack seal() {
    byte[] footer = PackFooter.newBuilder().addAllEntries(entries).build().toByteArray();
    write(footer, 0, footer.length);
    byte[] tail =
        ByteBuffer.allocate(PackFormat.TAIL_LENGTH)
            .putInt(footer.length)
            .put(PackFormat.TRAILER)
            .array();
    write(tail, 0, tail.length);
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close pack " + file, e);
    }
    return new SealedPack(ObjectId.hash(footer), file, size, List.copyOf(entries));
  }

  private void write(byte[] bytes, int off, int len) {
    ByteBuffer buf = ByteBuffer.wrap(bytes, off, len);
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write pack " + file, e);
    }
    size += len;
  }

  /** Discards an unsealed pack. */
  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.close();
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot discard pack " + file, e);
    }
  }
}

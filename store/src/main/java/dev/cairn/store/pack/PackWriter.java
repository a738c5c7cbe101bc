package dev.cairn.store.pack;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends blobs to one pack, in a local temp file or straight into a stream (an upload), and seals
 * it with its footer. Not thread safe: the owner serializes appends.
 */
public final class PackWriter implements AutoCloseable {
  private final Path file;
  private final String name;
  // One of the two is set: the temp file's channel, or the stream.
  private final FileChannel channel;
  private final OutputStream out;
  private final List<PackEntry> entries = new ArrayList<>();
  private long size;
  private boolean closed;

  public PackWriter(Path tempDir, String prefix) {
    try {
      this.file = Files.createTempFile(tempDir, prefix, ".pack.tmp");
      this.name = file.toString();
      this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
      this.out = null;
      write(PackFormat.HEADER, 0, PackFormat.HEADER.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a pack in " + tempDir, e);
    }
  }

  /**
   * A pack written into {@code out} as it is built, which {@link #seal} closes after the footer;
   * {@code name} is for errors. The sealed pack has no file.
   */
  public PackWriter(OutputStream out, String name) {
    this.file = null;
    this.name = name;
    this.channel = null;
    this.out = out;
    write(PackFormat.HEADER, 0, PackFormat.HEADER.length);
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
   * Writes the footer and closes the file or stream; the caller hands {@link SealedPack#file()} to
   * the backend.
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
      closeTarget();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close pack " + name, e);
    }
    return new SealedPack(ObjectId.hash(footer), file, size, List.copyOf(entries));
  }

  private void write(byte[] bytes, int off, int len) {
    try {
      if (out != null) {
        out.write(bytes, off, len);
      } else {
        ByteBuffer buf = ByteBuffer.wrap(bytes, off, len);
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write pack " + name, e);
    }
    size += len;
  }

  /**
   * Discards an unsealed pack; a stream is only closed, so its reader must already know the pack is
   * abandoned (a pack without its footer is refused anyway).
   */
  @Override
  public void close() {
    try {
      if (!closed) {
        closeTarget();
        if (file != null) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot discard pack " + name, e);
    }
  }

  private void closeTarget() throws IOException {
    closed = true;
    if (out != null) {
      out.close();
    } else {
      channel.close();
    }
  }
}

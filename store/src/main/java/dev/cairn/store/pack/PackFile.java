package dev.cairn.store.pack;

import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A pack in a local file, read back from untrusted hands: opening it checks the header, trailer and
 * footer, and that every entry lies between the header and the footer, so reading an entry can
 * never run off the data. Blob contents are not verified here (see {@link BlobCodec#decode}).
 */
public final class PackFile implements AutoCloseable {
  private final FileChannel channel;
  private final String name;
  private final ObjectId id;
  private final PackFooter footer;

  private PackFile(FileChannel channel, String name, ObjectId id, PackFooter footer) {
    this.channel = channel;
    this.name = name;
    this.id = id;
    this.footer = footer;
  }

  /**
   * Opens and checks the layout of a pack; throws {@link CorruptException} when it is torn or
   * malformed, or when an entry is larger than {@code maxBlobBytes}.
   */
  public static PackFile open(Path file, String name, int maxBlobBytes) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open pack " + name, e);
    }
    try {
      long size = size(ch, name);
      if (size < PackFormat.HEADER.length + PackFormat.TAIL_LENGTH) {
        throw new CorruptException("Pack " + name + " is truncated: " + size + " bytes");
      }
      if (!Arrays.equals(read(ch, 0, PackFormat.HEADER.length, name), PackFormat.HEADER)) {
        throw new CorruptException("Pack " + name + " has no valid header");
      }
      long tailAt = size - PackFormat.TAIL_LENGTH;
      int footerLength =
          PackFormat.footerLength(read(ch, tailAt, PackFormat.TAIL_LENGTH, name), name);
      long footerAt = tailAt - footerLength;
      if (footerAt < PackFormat.HEADER.length) {
        throw new CorruptException("Pack " + name + " has a footer longer than the pack");
      }
      byte[] footerBytes = read(ch, footerAt, footerLength, name);
      PackFooter footer = PackFormat.parseFooter(footerBytes, name);
      for (PackEntry e : footer.getEntriesList()) {
        checkBounds(e, footerAt, maxBlobBytes, name);
      }
      return new PackFile(ch, name, ObjectId.hash(footerBytes), footer);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static void checkBounds(PackEntry e, long footerAt, int maxBlobBytes, String name) {
    if (e.getId().size() != ObjectId.LENGTH) {
      throw new CorruptException("Pack " + name + " has an entry without a valid id");
    }
    long end = e.getOffset() + Integer.toUnsignedLong(e.getStoredLength());
    if (e.getOffset() < PackFormat.HEADER.length || end > footerAt) {
      throw new CorruptException(
          "Blob " + ObjectId.of(e.getId()) + " in " + name + " lies outside the pack's data");
    }
    if (Integer.toUnsignedLong(e.getStoredLength()) > maxBlobBytes
        || Integer.toUnsignedLong(e.getRawLength()) > maxBlobBytes) {
      throw new CorruptException(
          "Blob "
              + ObjectId.of(e.getId())
              + " in "
              + name
              + " is larger than the "
              + maxBlobBytes
              + " bytes a blob may have");
    }
  }

  /** The pack's id: the SHA-256 of its footer. */
  public ObjectId id() {
    return id;
  }

  public PackFooter footer() {
    return footer;
  }

  /** The stored (possibly compressed) bytes of one of this pack's entries. */
  public byte[] stored(PackEntry e) {
    return read(channel, e.getOffset(), e.getStoredLength(), name);
  }

  public long size() {
    return size(channel, name);
  }

  private static long size(FileChannel ch, String name) {
    try {
      return ch.size();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read pack " + name, e);
    }
  }

  private static byte[] read(FileChannel ch, long at, int length, String name) {
    ByteBuffer buf = ByteBuffer.allocate(length);
    try {
      while (buf.hasRemaining()) {
        if (ch.read(buf, at + buf.position()) < 0) {
          throw new CorruptException("Pack " + name + " ends early");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read pack " + name, e);
    }
    return buf.array();
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // the failure that made us close it is what matters
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }
}

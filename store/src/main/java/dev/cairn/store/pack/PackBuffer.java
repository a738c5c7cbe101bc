package dev.cairn.store.pack;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pack built in memory, in the store's pack format (see {@link PackFormat}), for a client that
 * uploads it as it is instead of writing it to a file first. The bytes grow in one array that
 * {@link #reset} keeps for the next pack, so an upload allocates its few buffers once and the
 * garbage collector never copies them again. Not thread safe.
 */
public final class PackBuffer {
  private final List<PackEntry> entries = new ArrayList<>();
  private byte[] bytes;
  private int size;
  private long rawBytes;
  private ObjectId sealed;

  /** An empty pack in an array of {@code capacity} bytes, which grows when a pack needs more. */
  public PackBuffer(int capacity) {
    this.bytes = new byte[Math.max(capacity, PackFormat.HEADER.length)];
    reset();
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
    if (sealed != null) {
      throw new IllegalStateException("Cannot add blob " + id + ": pack " + sealed + " is sealed");
    }
    entries.add(PackFormat.entry(id, PackBuilder.type(kind), size, len, rawLength, compression));
    put(stored, off, len);
    rawBytes += rawLength;
  }

  /** Bytes so far, header (and once sealed, footer) included. */
  public int size() {
    return size;
  }

  public int blobCount() {
    return entries.size();
  }

  /** The blobs' uncompressed bytes. */
  public long rawBytes() {
    return rawBytes;
  }

  /** Appends the footer; returns the pack's id. The pack is {@code array()[0, size())}. */
  public ObjectId seal() {
    if (sealed == null) {
      byte[] footer = PackFooter.newBuilder().addAllEntries(entries).build().toByteArray();
      put(footer, 0, footer.length);
      byte[] tail = PackFormat.tail(footer.length);
      put(tail, 0, tail.length);
      sealed = ObjectId.hash(footer);
    }
    return sealed;
  }

  /** The array the pack is built in; valid up to {@link #size()}, until {@link #reset}. */
  public byte[] array() {
    return bytes;
  }

  /** Empties the buffer for the next pack; the array stays. */
  public void reset() {
    entries.clear();
    size = 0;
    rawBytes = 0;
    sealed = null;
    put(PackFormat.HEADER, 0, PackFormat.HEADER.length);
  }

  private void put(byte[] src, int off, int len) {
    if (bytes.length - size < len) {
      long wanted = Math.max(2L * bytes.length, (long) size + len);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("Cannot grow a pack in memory past 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
    System.arraycopy(src, off, bytes, size, len);
    size += len;
  }
}

package dev.cairn.api;

import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.UnavailableException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The body of a stored-blobs answer: {@code HEADER}, then one frame per id asked, in the order
 * asked, then {@code TRAILER}. A frame is the 32-byte id, a kind byte ({@code 0} absent, {@code 1}
 * raw, {@code 2} zstd) and, unless absent, the u32 raw length, the u32 stored length and the stored
 * bytes. Nothing in it is trusted by the reader beyond its layout: blobs are verified against their
 * ids where they are used.
 */
public final class StoredBlobFrames {
  /** The media type of a stored-blobs answer. */
  public static final String CONTENT_TYPE = "application/vnd.cairn.stored-blobs";

  static final byte[] HEADER = "CAIRNSB1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TRAILER = "CAIRNEND".getBytes(StandardCharsets.US_ASCII);

  /** No chunk, tree or file node is larger (the store's own bound on one blob). */
  public static final int MAX_BLOB_BYTES = 64 << 20;

  private static final int ABSENT = 0;
  private static final int RAW = 1;
  private static final int ZSTD = 2;

  private StoredBlobFrames() {}

  /** Writes frames to an answer body. Not thread safe. */
  public static final class Writer {
    private final DataOutputStream out;

    public Writer(OutputStream out) throws IOException {
      this.out = new DataOutputStream(out);
      this.out.write(HEADER);
    }

    public void blob(ObjectId id, Optional<StoredBlob> blob) throws IOException {
      out.write(id.toBytes());
      if (blob.isEmpty()) {
        out.write(ABSENT);
        return;
      }
      StoredBlob b = blob.get();
      out.write(b.compressed() ? ZSTD : RAW);
      out.writeInt(b.rawLength());
      out.writeInt(b.bytes().length);
      out.write(b.bytes());
    }

    public void finish() throws IOException {
      out.write(TRAILER);
      out.flush();
    }
  }

  /** Reads frames from an answer body, checking each against the id asked. Not thread safe. */
  public static final class Reader {
    private final DataInputStream in;
    private final String source;

    /** {@code source} names the server in errors. */
    public Reader(InputStream in, String source) {
      this.in = new DataInputStream(in);
      this.source = source;
      expectMagic(HEADER, "header");
    }

    /** The frame for {@code expected}: its stored form, or empty if the server lacks it. */
    public Optional<StoredBlob> next(ObjectId expected) {
      byte[] id = readFully(new byte[ObjectId.LENGTH]);
      if (!Arrays.equals(id, expected.toBytes())) {
        throw corrupt("answered blob " + ObjectId.of(id) + " where " + expected + " was asked");
      }
      int kind = readByte();
      if (kind == ABSENT) {
        return Optional.empty();
      }
      if (kind != RAW && kind != ZSTD) {
        throw corrupt("sent blob " + expected + " with unknown kind " + kind);
      }
      int raw = readInt();
      int stored = readInt();
      // A zstd frame may be a little larger than its content; the store would not keep such a one,
      // but a repository that received it from a client may hold it.
      boolean badStored = kind == RAW ? stored != raw : stored > MAX_BLOB_BYTES + (1 << 20);
      if (raw < 0 || raw > MAX_BLOB_BYTES || stored < 0 || badStored) {
        throw corrupt(
            "sent blob " + expected + " with impossible lengths " + raw + " and " + stored);
      }
      return Optional.of(new StoredBlob(expected, readFully(new byte[stored]), raw, kind == ZSTD));
    }

    /** Reads the trailer; the answer must end there. */
    public void finish() {
      expectMagic(TRAILER, "trailer");
      try {
        if (in.read() != -1) {
          throw corrupt("sent bytes after the last blob");
        }
      } catch (IOException e) {
        throw broken(e);
      }
    }

    private void expectMagic(byte[] magic, String what) {
      if (!Arrays.equals(readFully(new byte[magic.length]), magic)) {
        throw corrupt("sent a blob answer without a valid " + what);
      }
    }

    private byte[] readFully(byte[] b) {
      try {
        in.readFully(b);
        return b;
      } catch (IOException e) {
        throw broken(e);
      }
    }

    private int readByte() {
      return readFully(new byte[1])[0] & 0xff;
    }

    private int readInt() {
      byte[] b = readFully(new byte[4]);
      return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private CorruptException corrupt(String what) {
      return new CorruptException("The server " + source + " " + what);
    }

    private UnavailableException broken(IOException e) {
      return new UnavailableException(
          "The blob answer of "
              + source
              + (e instanceof EOFException ? " broke off" : " could not be read: " + e),
          e);
    }
  }
}

package dev.cairn.store.pack;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.PackFooter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pack is {@code HEADER, blob bytes..., footer (PackFooter protobuf), u32 footer length,
 * TRAILER}. The footer is the pack's own table of contents, so the index can always be rebuilt from
 * packs. A pack's name is the SHA-256 of its footer: the footer lists every blob's id, offset and
 * length, and each blob is verified against its id, so the name commits to the whole content
 * without hashing every byte a second time.
 */
public final class PackFormat {
  static final byte[] HEADER = "CAIRNPK1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TRAILER = "CAIRNEND".getBytes(StandardCharsets.US_ASCII);

  /** Bytes after the footer: its length and the trailer magic. */
  public static final int TAIL_LENGTH = 4 + 8;

  public static final String PREFIX = "packs/";

  private PackFormat() {}

  /** The backend object name of a pack: {@code packs/ab/abcdef….pack}. */
  public static String objectName(ObjectId pack) {
    String hex = pack.toString();
    return PREFIX + hex.substring(0, 2) + "/" + hex + ".pack";
  }

  /** The pack id in an object name made by {@link #objectName}, or null if it is not one. */
  public static ObjectId parseObjectName(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(".pack")) {
      return null;
    }
    String hex = name.substring(name.lastIndexOf('/') + 1, name.length() - ".pack".length());
    if (hex.length() != 64 || !ObjectId.isHex(hex)) {
      return null;
    }
    return ObjectId.parse(hex);
  }

  /** Reads the footer length from a pack's last {@link #TAIL_LENGTH} bytes. */
  public static int footerLength(byte[] tail, String packName) {
    if (tail.length != TAIL_LENGTH
        || !Arrays.equals(tail, 4, TAIL_LENGTH, TRAILER, 0, TRAILER.length)) {
      throw new CorruptException("Pack " + packName + " has no valid trailer");
    }
    int length = ByteBuffer.wrap(tail, 0, 4).getInt();
    if (length < 0) {
      throw new CorruptException("Pack " + packName + " has a negative footer length");
    }
    return length;
  }

  public static PackFooter parseFooter(byte[] bytes, String packName) {
    try {
      return PackFooter.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Pack " + packName + " has an unreadable footer", e);
    }
  }

  /** The footer's bytes within a whole pack held in memory. */
  public static byte[] footerBytes(byte[] pack, String packName) {
    if (pack.length < HEADER.length + TAIL_LENGTH
        || !Arrays.equals(pack, 0, HEADER.length, HEADER, 0, HEADER.length)) {
      throw new CorruptException("Pack " + packName + " is truncated or has no valid header");
    }
    int length =
        footerLength(Arrays.copyOfRange(pack, pack.length - TAIL_LENGTH, pack.length), packName);
    int start = pack.length - TAIL_LENGTH - length;
    if (start < HEADER.length) {
      throw new CorruptException("Pack " + packName + " has a footer longer than the pack");
    }
    return Arrays.copyOfRange(pack, start, pack.length - TAIL_LENGTH);
  }
}

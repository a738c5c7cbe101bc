package dev.cairn.store;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of an object's plaintext bytes: the id of chunks, file nodes, trees, snapshots and
 * packs. Immutable; compares and sorts by its bytes.
 */
public final class ObjectId implements Comparable<ObjectId> {
  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private final int hash;

  private ObjectId(byte[] bytes) {
    this.bytes = bytes;
    this.hash =
        (bytes[0] & 0xff) << 24
            | (bytes[1] & 0xff) << 16
            | (bytes[2] & 0xff) << 8
            | (bytes[3] & 0xff);
  }

  /** Wraps a copy of 32 bytes. */
  public static ObjectId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new InvalidArgumentException(
          "Cannot read object id: expected 32 bytes, got " + bytes.length);
    }
    return new ObjectId(bytes.clone());
  }

  public static ObjectId of(ByteString bytes) {
    if (bytes.size() != LENGTH) {
      throw new CorruptException("Cannot read object id: expected 32 bytes, got " + bytes.size());
    }
    return new ObjectId(bytes.toByteArray());
  }

  /** Parses 64 lowercase or uppercase hex digits. */
  public static ObjectId parse(String hex) {
    if (hex.length() != 2 * LENGTH || !isHex(hex)) {
      throw new InvalidArgumentException(
          "Cannot parse object id '" + hex + "': expected 64 hex digits");
    }
    return new ObjectId(HEX.parseHex(hex.toLowerCase()));
  }

  /** Hashes bytes[offset, offset + length). */
  public static ObjectId hash(byte[] data, int offset, int length) {
    MessageDigest md = sha256();
    md.update(data, offset, length);
    return new ObjectId(md.digest());
  }

  public static ObjectId hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** A fresh SHA-256 digest; MessageDigest instances are not thread safe. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  public static ObjectId fromDigest(MessageDigest md) {
    return new ObjectId(md.digest());
  }

  public static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** Whether this id's hex form starts with the given lowercase hex prefix. */
  public boolean startsWith(String hexPrefix) {
    return toString().startsWith(hexPrefix);
  }

  /** The first 12 hex digits, for messages and listings. */
  public String toShortString() {
    return toString().substring(0, 12);
  }

  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(ObjectId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }
}

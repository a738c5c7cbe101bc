package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.ListOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Where the next page starts, as an opaque base64url string of fixed binary: the listing it belongs
 * to (node kind, order, direction, hashes of the namespace and the filter), the id high-water mark
 * taken on the first page, and the (order value, id) of the last item returned.
 *
 * <p>The CRC only tells garbage from tokens; it is no signature. A forged token can do no more than
 * start a listing of the caller's own namespace at another position.
 */
record PageToken(
    byte kindTag,
    ListOptions.OrderBy orderBy,
    boolean ascending,
    long namespaceHash,
    long filterHash,
    long highWater,
    long lastValue,
    long lastId) {
  private static final byte VERSION = 1;
  private static final int LENGTH = 4 + 8 * 5 + 4;
  private static final int MAX_QUOTED = 64;

  /**
   * A token continuing after ({@code value}, {@code id}) in the listing {@code first} describes.
   */
  static PageToken after(PageToken first, long value, long id) {
    return new PageToken(
        first.kindTag,
        first.orderBy,
        first.ascending,
        first.namespaceHash,
        first.filterHash,
        first.highWater,
        value,
        id);
  }

  /** The listing identity of a first page; its last value and id are unused (0). */
  static PageToken start(byte kindTag, String ns, ListOptions options, long highWater) {
    return new PageToken(
        kindTag,
        options.orderBy(),
        options.ascending(),
        hash(ns),
        hash(options.filterQuery() == null ? "" : options.filterQuery()),
        highWater,
        0,
        0);
  }

  String encode() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).put(kindTag).put((byte) orderBy.ordinal()).put((byte) (ascending ? 1 : 0));
    b.putLong(namespaceHash).putLong(filterHash).putLong(highWater).putLong(lastValue);
    b.putLong(lastId);
    b.putInt(crc(b.array(), LENGTH - 4));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * Reads a token and checks it continues the listing {@code expected} describes.
   *
   * @throws LineageException.InvalidArgument for anything that is not such a token
   */
  static PageToken decode(String token, PageToken expected) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid(token, "it is not a page token this store issued");
    }
    if (bytes.length != LENGTH
        || bytes[0] != VERSION
        || ByteBuffer.wrap(bytes, LENGTH - 4, 4).getInt() != crc(bytes, LENGTH - 4)
        || bytes[2] < 0
        || bytes[2] >= ListOptions.OrderBy.values().length) {
      throw invalid(token, "it is not a page token this store issued");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, LENGTH - 5);
    PageToken t =
        new PageToken(
            b.get(),
            ListOptions.OrderBy.values()[b.get()],
            b.get() == 1,
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong());
    if (t.namespaceHash != expected.namespaceHash) {
      throw invalid(token, "it was issued for another namespace");
    }
    if (t.kindTag != expected.kindTag) {
      throw invalid(token, "it was issued for a listing of another node kind");
    }
    if (t.orderBy != expected.orderBy || t.ascending != expected.ascending) {
      throw invalid(token, "it was issued for another order (" + t.describeOrder() + ")");
    }
    if (t.filterHash != expected.filterHash) {
      throw invalid(token, "it was issued for another filter");
    }
    return t;
  }

  private String describeOrder() {
    return orderBy + (ascending ? " ascending" : " descending");
  }

  private static LineageException.InvalidArgument invalid(String token, String reason) {
    String quoted = token.length() <= MAX_QUOTED ? token : token.substring(0, MAX_QUOTED) + "...";
    return new LineageException.InvalidArgument(
        "Cannot use page token '" + quoted + "': " + reason);
  }

  private static int crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /** The first 8 bytes of SHA-256: collisions between two filters of one caller are negligible. */
  private static long hash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

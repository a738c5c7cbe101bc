package dev.cairn.lineage.rocks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small numbers for namespaces, so that the in-heap graph records a node's namespace in an int.
 * Numbers start at 1 (0 is no node) and are never reused. Added to by the writer only; read by
 * anyone.
 */
final class Namespaces {
  private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
  private byte[] lastKeyPrefix = new byte[0];
  private int lastNumber;

  /** The number of {@code namespace}, or 0 if no node was ever stored in it. */
  int find(String namespace) {
    Integer n = numbers.get(namespace);
    return n == null ? 0 : n;
  }

  /**
   * The number of the namespace a store key starts with (up to its NUL), given one. Keys arrive
   * grouped by namespace, so the last one is remembered rather than decoded again.
   */
  int ofKey(byte[] key) {
    int nul = nul(key);
    if (nul == lastKeyPrefix.length && Arrays.equals(key, 0, nul, lastKeyPrefix, 0, nul)) {
      return lastNumber;
    }
    String ns = new String(key, 0, nul, StandardCharsets.UTF_8);
    lastNumber = numbers.computeIfAbsent(ns, k -> numbers.size() + 1);
    lastKeyPrefix = Arrays.copyOf(key, nul);
    return lastNumber;
  }

  /** Where the namespace of a key ends: the offset of its NUL. */
  static int nul(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] == 0) {
        return i;
      }
    }
    throw new IllegalStateException("Cannot read store key: no namespace terminator");
  }
}

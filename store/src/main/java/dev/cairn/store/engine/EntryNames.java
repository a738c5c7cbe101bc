package dev.cairn.store.engine;

import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Rules for names inside trees and for paths into snapshots. */
final class EntryNames {
  /** Tree order: by the UTF-8 bytes of names, which is stable across platforms and languages. */
  static final Comparator<String> ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private EntryNames() {}

  static boolean isSafe(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && name.indexOf('/') < 0
        && name.indexOf('\0') < 0;
  }

  /** Throws {@link CorruptException} for a stored name that could escape a restore target. */
  static void requireSafe(String name, String where) {
    if (!isSafe(name)) {
      throw new CorruptException(
          "Unsafe entry name '" + name.replace("\0", "\\0") + "' in " + where);
    }
  }

  /**
   * Splits a user's path into a snapshot ("a/b/c", "/a/b", "" for the root) into checked segments.
   */
  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    if (path == null) {
      return out;
    }
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") || segment.indexOf('\0') >= 0) {
        throw new InvalidArgumentException(
            "Invalid path '" + path.replace("\0", "\\0") + "': '..' and NUL are not allowed");
      }
      out.add(segment);
    }
    return out;
  }

  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}

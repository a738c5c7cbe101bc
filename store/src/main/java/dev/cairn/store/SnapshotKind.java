package dev.cairn.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a snapshot holds. */
public enum SnapshotKind {
  VOLUME,
  DATASET,
  CODE,
  MODEL,
  OTHER;

  /** Parses a kind name case-insensitively. */
  public static SnapshotKind parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "Unknown snapshot kind '" + s + "': expected one of " + names());
    }
  }

  public static String names() {
    return Arrays.stream(values()).map(SnapshotKind::label).collect(Collectors.joining("|"));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.cairn.api.auth;

import java.util.Locale;

/** What a token may do in its namespaces; each role includes the ones before it. */
public enum Role {
  /** Read snapshots, refs and lineage. */
  READ,
  /** Also create snapshots, move refs and record lineage. */
  WRITE,
  /** Also delete snapshots, refs and lineage nodes. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  public static Role parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid role '" + s + "': use read, write or admin");
    }
  }
}

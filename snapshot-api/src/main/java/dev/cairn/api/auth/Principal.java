package dev.cairn.api.auth;

import java.util.Set;

/** Who is calling: a token's name, its role and the namespaces it may touch ({@code *} for all). */
public record Principal(String name, Role role, Set<String> namespaces) {
  public static final String ALL_NAMESPACES = "*";

  /** The caller of a server started without tokens: loopback only, every right. */
  public static final Principal LOCAL = new Principal("local", Role.ADMIN, Set.of(ALL_NAMESPACES));

  public Principal {
    namespaces = Set.copyOf(namespaces);
  }

  public boolean sees(String namespace) {
    return namespaces.contains(ALL_NAMESPACES) || namespaces.contains(namespace);
  }

  public boolean may(String namespace, Role needed) {
    return sees(namespace) && role.includes(needed);
  }
}

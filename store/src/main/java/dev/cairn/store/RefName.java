package dev.cairn.store;

import java.util.regex.Pattern;

/**
 * A ref's full name {@code namespace/name}. Namespaces are DNS labels (as Kubernetes namespaces
 * are); names are letters, digits, '.', '_' and '-', up to 128 characters.
 */
public record RefName(String namespace, String name) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  public RefName {
    Namespaces.validate(namespace);
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw new InvalidArgumentException(
          "Invalid ref name '"
              + name
              + "': use letters, digits, '.', '_' and '-' (at most 128, no '..')");
    }
  }

  /** Parses {@code namespace/name}. */
  public static RefName parse(String full) {
    int slash = full.indexOf('/');
    if (slash <= 0 || slash == full.length() - 1) {
      throw new InvalidArgumentException("Invalid ref '" + full + "': expected NAMESPACE/NAME");
    }
    return new RefName(full.substring(0, slash), full.substring(slash + 1));
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

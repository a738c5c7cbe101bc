package dev.cairn.store;

import java.util.regex.Pattern;

/** Validation of namespace names: RFC 1123 DNS labels, like Kubernetes namespaces. */
public final class Namespaces {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private Namespaces() {}

  /** Returns the namespace or throws {@link InvalidArgumentException} naming what is wrong. */
  public static String validate(String namespace) {
    if (namespace == null || !LABEL.matcher(namespace).matches()) {
      throw new InvalidArgumentException(
          "Invalid namespace '"
              + namespace
              + "': use lowercase letters, digits and '-', starting and ending with a letter or digit (at most 63)");
    }
    return namespace;
  }
}

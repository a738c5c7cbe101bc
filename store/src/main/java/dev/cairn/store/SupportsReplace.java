package dev.cairn.store;

/**
 * A backend capability: replacing an object in place. Only coordination objects that one writer
 * owns (the writer lease's heartbeat) use it; everything else is written once and never replaced.
 */
public interface SupportsReplace {
  /** Writes {@code bytes} under {@code name}, replacing any object there. */
  void replace(String name, byte[] bytes);
}

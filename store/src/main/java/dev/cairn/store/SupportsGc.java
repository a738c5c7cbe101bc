package dev.cairn.store;

/** A repository that garbage collection can work on directly (not a remote one). */
public interface SupportsGc {
  GcStorage gcStorage();
}

package dev.cairn.gc;

/** The outcome of changing a ref's retention policy; expected outcomes are values. */
public enum PolicyUpdate {
  CREATED,
  UPDATED,
  /** The ref already had exactly this policy (or had none to clear); nothing was written. */
  UNCHANGED,
  CLEARED,
  /** Another writer changed the policy since the expected version; nothing was written. */
  CONFLICT
}

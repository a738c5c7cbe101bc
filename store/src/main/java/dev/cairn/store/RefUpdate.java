package dev.cairn.store;

/** The outcome of a compare-and-swap ref update; expected outcomes are values, not exceptions. */
public enum RefUpdate {
  CREATED,
  UPDATED,
  UNCHANGED,
  DELETED,
  /** The ref did not hold the expected value; nothing changed. */
  CONFLICT,
  /** The ref is a tag, and tags never move. */
  REJECTED_TAG
}

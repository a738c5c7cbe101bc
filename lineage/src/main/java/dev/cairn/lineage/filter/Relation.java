package dev.cairn.lineage.filter;

/**
 * A kind of neighbour a filter can join through an alias, as in {@code contexts_a.name}. The prefix
 * is what the alias is written after.
 */
public enum Relation {
  /** The contexts an artifact is attributed to or an execution is associated with. */
  CONTEXTS("contexts_"),
  /** The parents of a context. */
  PARENT_CONTEXTS("parent_contexts_"),
  /** The children of a context. */
  CHILD_CONTEXTS("child_contexts_"),
  /** The events of an artifact or an execution. */
  EVENTS("events_");

  final String prefix;

  Relation(String prefix) {
    this.prefix = prefix;
  }
}

package dev.cairn.lineage.filter;

/** The kind of node a filter selects; it decides which attributes and neighbours exist. */
public enum Target {
  ARTIFACT("artifacts"),
  EXECUTION("executions"),
  CONTEXT("contexts");

  final String plural;

  Target(String plural) {
    this.plural = plural;
  }
}

package dev.cairn.lineage.filter;

/** The type of a field, which decides the literals and operators it can be compared with. */
public enum ValueKind {
  INT,
  DOUBLE,
  STRING,
  BOOL,
  ENUM;

  boolean isNumeric() {
    return this == INT || this == DOUBLE;
  }
}

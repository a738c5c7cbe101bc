package dev.cairn.lineage.filter;

/**
 * SQL's three-valued logic. A comparison with a missing value is UNKNOWN, NOT UNKNOWN stays
 * UNKNOWN, and a filter keeps a node only when it is TRUE, which is how MLMD's SQL backends treat a
 * node without the property or attribute a filter names.
 */
enum Tri {
  TRUE,
  FALSE,
  UNKNOWN;

  static Tri of(boolean b) {
    return b ? TRUE : FALSE;
  }

  Tri not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
    };
  }
}

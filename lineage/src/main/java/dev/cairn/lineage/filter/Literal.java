package dev.cairn.lineage.filter;

/** A constant on the right side of a predicate. */
public sealed interface Literal {
  record IntLiteral(long value) implements Literal {}

  record DoubleLiteral(double value) implements Literal {}

  record StringLiteral(String value) implements Literal {}

  record BoolLiteral(boolean value) implements Literal {}

  /** A bare enum constant such as {@code LIVE} or {@code INPUT}. */
  record EnumLiteral(String name) implements Literal {}
}

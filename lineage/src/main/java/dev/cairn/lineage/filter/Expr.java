package dev.cairn.lineage.filter;

import java.util.List;

/** A parsed filter expression. Records are immutable; lists are copied. */
public sealed interface Expr {
  /** A comparison operator. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    public final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    boolean isOrdering() {
      return this != EQ && this != NE;
    }
  }

  /** All operands hold (two or more). */
  record And(List<Expr> operands) implements Expr {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** Any operand holds (two or more). */
  record Or(List<Expr> operands) implements Expr {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  record Not(Expr operand) implements Expr {}

  /** {@code field op literal}. */
  record Compare(Field field, Op op, Literal value) implements Expr {}

  /** {@code field [NOT] IN (literal, ...)}. */
  record In(Field field, List<Literal> values, boolean negated) implements Expr {
    public In {
      values = List.copyOf(values);
    }
  }

  /** {@code field [NOT] LIKE 'pattern'} with % for any run of characters and _ for one. */
  record Like(Field field, LikePattern pattern, boolean negated) implements Expr {}

  /** {@code field IS [NOT] NULL}. */
  record IsNull(Field field, boolean negated) implements Expr {}
}

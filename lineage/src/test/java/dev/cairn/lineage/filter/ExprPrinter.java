package dev.cairn.lineage.filter;

import java.util.stream.Collectors;

/** Renders an expression as a fully parenthesized prefix form, to assert on structure. */
final class ExprPrinter {
  private ExprPrinter() {}

  static String print(Expr e) {
    if (e instanceof Expr.And and) {
      return "(AND "
          + and.operands().stream().map(ExprPrinter::print).collect(Collectors.joining(" "))
          + ")";
    }
    if (e instanceof Expr.Or or) {
      return "(OR "
          + or.operands().stream().map(ExprPrinter::print).collect(Collectors.joining(" "))
          + ")";
    }
    if (e instanceof Expr.Not not) {
      return "(NOT " + print(not.operand()) + ")";
    }
    if (e instanceof Expr.Compare c) {
      return "(" + c.op().symbol + " " + field(c.field()) + " " + literal(c.value()) + ")";
    }
    if (e instanceof Expr.In in) {
      return "("
          + (in.negated() ? "NOT-IN " : "IN ")
          + field(in.field())
          + " "
          + in.values().stream().map(ExprPrinter::literal).collect(Collectors.joining(" "))
          + ")";
    }
    if (e instanceof Expr.Like like) {
      return "("
          + (like.negated() ? "NOT-LIKE " : "LIKE ")
          + field(like.field())
          + " '"
          + like.pattern().source()
          + "')";
    }
    Expr.IsNull n = (Expr.IsNull) e;
    return "(" + (n.negated() ? "NOT-NULL " : "NULL ") + field(n.field()) + ")";
  }

  static String field(Field f) {
    if (f instanceof Field.AttributeField a) {
      return (a.onNode() ? "" : a.alias() + ".") + a.attribute().name().toLowerCase();
    }
    Field.PropertyField p = (Field.PropertyField) f;
    return (p.custom() ? "custom:" : "prop:") + p.name() + ":" + p.kind().name().toLowerCase();
  }

  static String literal(Literal l) {
    if (l instanceof Literal.IntLiteral i) {
      return Long.toString(i.value());
    }
    if (l instanceof Literal.DoubleLiteral d) {
      return d.value() + "d";
    }
    if (l instanceof Literal.StringLiteral s) {
      return "'" + s.value() + "'";
    }
    if (l instanceof Literal.BoolLiteral b) {
      return Boolean.toString(b.value()).toUpperCase();
    }
    return "#" + ((Literal.EnumLiteral) l).name();
  }
}

package dev.cairn.lineage.filter;

import dev.cairn.lineage.mlmd.Value;
import java.util.Map;

/**
 * Evaluates an expression on one node with each alias bound to one neighbour, in three-valued
 * logic. Which bindings to try is {@link Filter}'s job.
 */
final class Evaluator {
  private Evaluator() {}

  static Tri eval(Expr expr, FilterNode node, Map<String, FilterNode> binding) {
    if (expr instanceof Expr.And and) {
      return and(and, node, binding);
    }
    if (expr instanceof Expr.Or or) {
      return or(or, node, binding);
    }
    if (expr instanceof Expr.Not not) {
      return eval(not.operand(), node, binding).not();
    }
    if (expr instanceof Expr.Compare c) {
      return compare(read(c.field(), node, binding), c.op(), c.value());
    }
    if (expr instanceof Expr.In in) {
      return in(read(in.field(), node, binding), in);
    }
    if (expr instanceof Expr.Like like) {
      return like(read(like.field(), node, binding), like);
    }
    Expr.IsNull isNull = (Expr.IsNull) expr;
    return Tri.of((read(isNull.field(), node, binding) == null) != isNull.negated());
  }

  private static Tri and(Expr.And and, FilterNode node, Map<String, FilterNode> binding) {
    Tri result = Tri.TRUE;
    for (Expr operand : and.operands()) {
      Tri t = eval(operand, node, binding);
      if (t == Tri.FALSE) {
        return Tri.FALSE;
      }
      if (t == Tri.UNKNOWN) {
        result = Tri.UNKNOWN;
      }
    }
    return result;
  }

  private static Tri or(Expr.Or or, FilterNode node, Map<String, FilterNode> binding) {
    Tri result = Tri.FALSE;
    for (Expr operand : or.operands()) {
      Tri t = eval(operand, node, binding);
      if (t == Tri.TRUE) {
        return Tri.TRUE;
      }
      if (t == Tri.UNKNOWN) {
        result = Tri.UNKNOWN;
      }
    }
    return result;
  }

  private static Tri compare(Object value, Expr.Op op, Literal literal) {
    if (value == null) {
      return Tri.UNKNOWN;
    }
    int c = compare(value, literal);
    return Tri.of(
        switch (op) {
          case EQ -> c == 0;
          case NE -> c != 0;
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          case GE -> c >= 0;
        });
  }

  private static Tri in(Object value, Expr.In in) {
    if (value == null) {
      return Tri.UNKNOWN;
    }
    boolean found = in.values().stream().anyMatch(l -> compare(value, l) == 0);
    return Tri.of(found != in.negated());
  }

  private static Tri like(Object value, Expr.Like like) {
    if (value == null) {
      return Tri.UNKNOWN;
    }
    return Tri.of(like.pattern().matches((String) value) != like.negated());
  }

  /**
   * Orders a field value against a literal the parser already checked it can meet. Booleans and
   * enum names only answer equal (0) or not (1).
   */
  private static int compare(Object value, Literal literal) {
    if (literal instanceof Literal.IntLiteral i) {
      return value instanceof Long l
          ? Long.compare(l, i.value())
          : compareDoubles(value, i.value());
    }
    if (literal instanceof Literal.DoubleLiteral d) {
      return compareDoubles(value, d.value());
    }
    if (literal instanceof Literal.StringLiteral s) {
      return ((String) value).compareTo(s.value());
    }
    if (literal instanceof Literal.BoolLiteral b) {
      return value.equals(b.value()) ? 0 : 1;
    }
    return value.equals(((Literal.EnumLiteral) literal).name()) ? 0 : 1;
  }

  /** Numeric comparison as SQL does it: 0.0 equals -0.0. */
  private static int compareDoubles(Object value, double b) {
    double a = ((Number) value).doubleValue();
    return a < b ? -1 : a > b ? 1 : a == b ? 0 : Double.compare(a, b);
  }

  /** The field's value for this node and binding, or null (SQL NULL). */
  private static Object read(Field field, FilterNode node, Map<String, FilterNode> binding) {
    if (field instanceof Field.AttributeField a) {
      return (a.onNode() ? node : binding.get(a.alias())).attribute(a.attribute());
    }
    Field.PropertyField p = (Field.PropertyField) field;
    return valueOf(p.custom() ? node.customProperty(p.name()) : node.property(p.name()), p.kind());
  }

  /** A property read as a kind it does not hold is NULL, like MLMD's unset SQL columns. */
  private static Object valueOf(Value v, ValueKind kind) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      case INT -> v.hasIntValue() ? v.getIntValue() : null;
      case DOUBLE -> v.hasDoubleValue() ? v.getDoubleValue() : null;
      case STRING -> v.hasStringValue() ? v.getStringValue() : null;
      case BOOL -> v.hasBoolValue() ? v.getBoolValue() : null;
      case ENUM -> null;
    };
  }
}

package dev.cairn.lineage.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Structural questions about expressions, asked once when a filter is compiled. */
final class Exprs {
  private Exprs() {}

  /** The operands of the top-level AND, flattened; the expression itself if it is no AND. */
  static List<Expr> conjuncts(Expr expr) {
    List<Expr> out = new ArrayList<>();
    flatten(expr, out);
    return out;
  }

  private static void flatten(Expr expr, List<Expr> out) {
    if (expr instanceof Expr.And and) {
      and.operands().forEach(e -> flatten(e, out));
    } else {
      out.add(expr);
    }
  }

  /** The aliases the expression reads, in order of first use, with the relation each joins. */
  static Map<String, Relation> aliases(Expr expr) {
    Map<String, Relation> out = new LinkedHashMap<>();
    collect(expr, out);
    return out;
  }

  private static void collect(Expr expr, Map<String, Relation> out) {
    if (expr instanceof Expr.And and) {
      and.operands().forEach(e -> collect(e, out));
    } else if (expr instanceof Expr.Or or) {
      or.operands().forEach(e -> collect(e, out));
    } else if (expr instanceof Expr.Not not) {
      collect(not.operand(), out);
    } else {
      Field field = fieldOf(expr);
      if (field instanceof Field.AttributeField a && !a.onNode()) {
        out.putIfAbsent(a.alias(), a.relation());
      }
    }
  }

  /** The field a predicate reads. */
  static Field fieldOf(Expr predicate) {
    if (predicate instanceof Expr.Compare c) {
      return c.field();
    }
    if (predicate instanceof Expr.In in) {
      return in.field();
    }
    if (predicate instanceof Expr.Like like) {
      return like.field();
    }
    return ((Expr.IsNull) predicate).field();
  }
}

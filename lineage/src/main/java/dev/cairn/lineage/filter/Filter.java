package dev.cairn.lineage.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled MLMD filter_query over one {@link Target}. Immutable and thread-safe.
 *
 * <p>Neighbour aliases follow SQL join semantics: a node matches when some assignment of one of its
 * neighbours to each alias makes the whole expression TRUE. A node with no neighbour of an alias's
 * kind therefore never matches an expression that names the alias, even under OR or NOT. Properties
 * and attributes that are unset read as NULL (see {@link Tri}).
 *
 * <p>Cost per node: the conjuncts that read only the node run first; then each alias's candidates
 * are narrowed by the top-level conjuncts that read only that alias; the whole expression runs on
 * each combination of the remaining candidates, so the worst case is the product of their counts.
 */
public final class Filter {
  private final Target target;
  private final String query;
  private final Expr expr;
  private final List<Expr> conjuncts;
  private final List<Expr> nodeConjuncts = new ArrayList<>();
  private final List<AliasPlan> aliases = new ArrayList<>();

  /** One alias, the relation it joins and the conjuncts that read it and nothing else joined. */
  private record AliasPlan(String alias, Relation relation, List<Expr> localConjuncts) {}

  private Filter(Target target, String query, Expr expr) {
    this.target = target;
    this.query = query;
    this.expr = expr;
    this.conjuncts = List.copyOf(Exprs.conjuncts(expr));
    Map<String, List<Expr>> local = new HashMap<>();
    for (Expr conjunct : conjuncts) {
      Map<String, Relation> used = Exprs.aliases(conjunct);
      if (used.isEmpty()) {
        nodeConjuncts.add(conjunct);
      } else if (used.size() == 1) {
        local
            .computeIfAbsent(used.keySet().iterator().next(), k -> new ArrayList<>())
            .add(conjunct);
      }
    }
    Exprs.aliases(expr)
        .forEach(
            (alias, relation) ->
                aliases.add(
                    new AliasPlan(
                        alias, relation, List.copyOf(local.getOrDefault(alias, List.of())))));
  }

  /**
   * Parses and checks {@code query} for {@code target} nodes.
   *
   * @throws dev.cairn.lineage.LineageException.InvalidArgument on a syntax error, an unknown field
   *     or a value that does not fit its field; the message names the column and token
   */
  public static Filter compile(Target target, String query) {
    return new Filter(target, query, FilterParser.parse(target, query));
  }

  public Target target() {
    return target;
  }

  public String query() {
    return query;
  }

  public Expr expr() {
    return expr;
  }

  /** The operands of the top-level AND (the expression itself when it is not an AND). */
  public List<Expr> conjuncts() {
    return conjuncts;
  }

  /** Whether the filter joins neighbours, so that testing a node needs its neighbours. */
  public boolean readsNeighbors() {
    return !aliases.isEmpty();
  }

  /** Whether the node matches: the expression is TRUE for it under some alias assignment. */
  public boolean test(FilterNode node) {
    for (Expr conjunct : nodeConjuncts) {
      if (Evaluator.eval(conjunct, node, Map.of()) != Tri.TRUE) {
        return false;
      }
    }
    if (aliases.isEmpty()) {
      return true; // every conjunct reads only the node, and all were TRUE
    }
    Map<Relation, List<FilterNode>> related = new HashMap<>();
    List<List<FilterNode>> candidates = new ArrayList<>();
    for (AliasPlan plan : aliases) {
      List<FilterNode> all = related.computeIfAbsent(plan.relation(), node::related);
      List<FilterNode> fit = new ArrayList<>();
      for (FilterNode candidate : all) {
        if (fitsAlone(plan, node, candidate)) {
          fit.add(candidate);
        }
      }
      if (fit.isEmpty()) {
        return false;
      }
      candidates.add(fit);
    }
    return anyAssignment(node, candidates, 0, new HashMap<>());
  }

  private static boolean fitsAlone(AliasPlan plan, FilterNode node, FilterNode candidate) {
    Map<String, FilterNode> binding = Map.of(plan.alias(), candidate);
    for (Expr conjunct : plan.localConjuncts()) {
      if (Evaluator.eval(conjunct, node, binding) != Tri.TRUE) {
        return false;
      }
    }
    return true;
  }

  private boolean anyAssignment(
      FilterNode node, List<List<FilterNode>> candidates, int i, Map<String, FilterNode> binding) {
    if (i == candidates.size()) {
      return Evaluator.eval(expr, node, binding) == Tri.TRUE;
    }
    for (FilterNode candidate : candidates.get(i)) {
      binding.put(aliases.get(i).alias(), candidate);
      if (anyAssignment(node, candidates, i + 1, binding)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return target.plural + " where " + query;
  }
}

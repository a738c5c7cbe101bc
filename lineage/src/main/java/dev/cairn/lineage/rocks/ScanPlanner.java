package dev.cairn.lineage.rocks;

import dev.cairn.lineage.filter.Attribute;
import dev.cairn.lineage.filter.Expr;
import dev.cairn.lineage.filter.Field;
import dev.cairn.lineage.filter.Filter;
import dev.cairn.lineage.filter.Literal;
import dev.cairn.lineage.filter.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Picks the index a listing walks. A candidate source only narrows: the lister still tests every
 * candidate against the whole filter, so a plan may return extra ids but never miss a match.
 *
 * <p>From the top-level AND conjuncts, first match wins (and any {@code id <, <=, >, >= N}
 * conjuncts then narrow the id range it walks):
 *
 * <ol>
 *   <li>{@code id = N} or {@code id IN (...)}: exactly those ids;
 *   <li>{@code contexts_a.name = 'N'} (with or without {@code contexts_a.type = 'T'}) or {@code
 *       contexts_a.id = N}, and the same for {@code parent_contexts_a} / {@code child_contexts_a}
 *       on contexts: the contexts are found by name ({@link Cf#NODE_NAMES}; names are unique per
 *       type), then their members walked in the attribution, association or parent index;
 *   <li>{@code type = 'X'} / {@code type IN (...)} or {@code type_id = N} / {@code type_id IN
 *       (...)}: {@link Cf#NODES_BY_TYPE} for every version of the type;
 *   <li>otherwise every node of the kind in the namespace.
 * </ol>
 */
final class ScanPlanner {
  private final ReadView view;
  private final String ns;
  private final ListableKind<?> kind;

  private ScanPlanner(ReadView view, String ns, ListableKind<?> kind) {
    this.view = view;
    this.ns = ns;
    this.kind = kind;
  }

  /** The candidate source for {@code filter} (null: no filter). */
  static IdSource plan(ReadView view, String ns, ListableKind<?> kind, Filter filter) {
    ScanPlanner planner = new ScanPlanner(view, ns, kind);
    if (filter == null) {
      return planner.everyNode();
    }
    List<Expr> conjuncts = filter.conjuncts();
    IdSource source =
        planner
            .byIds(conjuncts)
            .or(() -> planner.byNeighbour(conjuncts))
            .or(() -> planner.byType(conjuncts))
            .orElseGet(planner::everyNode);
    return narrowed(source, conjuncts);
  }

  /**
   * Applies top-level {@code id <, <=, >, >= N} conjuncts to the range, so that whichever index is
   * walked starts at the bound instead of testing every id below it.
   */
  private static IdSource narrowed(IdSource source, List<Expr> conjuncts) {
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    for (Expr conjunct : conjuncts) {
      if (conjunct instanceof Expr.Compare c
          && is(c.field(), null, Attribute.ID)
          && c.value() instanceof Literal.IntLiteral literal) {
        long v = literal.value();
        switch (c.op()) {
          case GT -> from = Math.max(from, v == Long.MAX_VALUE ? v : v + 1);
          case GE -> from = Math.max(from, v);
          case LT -> to = Math.min(to, v == Long.MIN_VALUE ? v : v - 1);
          case LE -> to = Math.min(to, v);
          default -> {}
        }
      }
    }
    if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
      return source;
    }
    long lo = from;
    long hi = to;
    return range ->
        source.open(
            new IdRange(Math.max(range.from(), lo), Math.min(range.to(), hi), range.descending()));
  }

  private IdSource everyNode() {
    byte[] prefix = Keys.namespace(ns);
    return range -> view.ids(kind.node().cf, prefix, range);
  }

  private Optional<IdSource> byIds(List<Expr> conjuncts) {
    for (Expr conjunct : conjuncts) {
      Optional<List<Long>> ids = ints(equalities(conjunct, null, Attribute.ID));
      if (ids.isPresent()) {
        TreeSet<Long> sorted = new TreeSet<>(ids.get());
        return Optional.of(range -> listed(sorted, range));
      }
    }
    return Optional.empty();
  }

  private Optional<IdSource> byNeighbour(List<Expr> conjuncts) {
    for (Expr conjunct : conjuncts) {
      if (!(conjunct instanceof Expr.Compare c)
          || !(c.field() instanceof Field.AttributeField f)
          || f.onNode()
          || f.relation() == Relation.EVENTS) {
        continue;
      }
      Optional<List<Long>> contexts = contextsOf(f.alias(), conjuncts);
      if (contexts.isPresent()) {
        return Optional.of(members(f.relation(), contexts.get()));
      }
    }
    return Optional.empty();
  }

  /** The contexts an alias can be bound to, when its conjuncts pin it by id or by name. */
  private Optional<List<Long>> contextsOf(String alias, List<Expr> conjuncts) {
    Optional<String> name = Optional.empty();
    Optional<String> typeName = Optional.empty();
    for (Expr conjunct : conjuncts) {
      Optional<List<Long>> ids = ints(equalities(conjunct, alias, Attribute.ID));
      if (ids.isPresent()) {
        return ids;
      }
      name = name.or(() -> singleString(equalities(conjunct, alias, Attribute.NAME)));
      typeName = typeName.or(() -> singleString(equalities(conjunct, alias, Attribute.TYPE)));
    }
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<Long> typeIds =
        typeName.isPresent()
            ? typeIdsNamed(TypeKind.CONTEXT, typeName.get())
            : allTypeIds(TypeKind.CONTEXT);
    List<Long> out = new ArrayList<>();
    for (long typeId : typeIds) {
      byte[] id =
          view.get(Cf.NODE_NAMES, Keys.nodeName(ns, NodeKind.CONTEXT.tag, typeId, name.get()));
      if (id != null) {
        out.add(Keys.longValue(id));
      }
    }
    return Optional.of(out);
  }

  /** The nodes linked to any of the contexts, from the edge index that lists them by context. */
  private IdSource members(Relation relation, List<Long> contextIds) {
    Cf edges;
    byte tag;
    if (relation == Relation.CONTEXTS) {
      edges = kind.node() == NodeKind.ARTIFACT ? Cf.ATTRIBUTIONS : Cf.ASSOCIATIONS;
      tag = 'c';
    } else {
      edges = Cf.PARENT_CONTEXTS;
      // A node whose parent is C is a child of C, listed under (C, child): tag 'c'.
      tag = relation == Relation.PARENT_CONTEXTS ? (byte) 'c' : (byte) 'p';
    }
    return range -> {
      List<IdStream> streams = new ArrayList<>();
      for (long contextId : contextIds) {
        streams.add(view.ids(edges, Keys.pair(ns, tag, contextId), range));
      }
      return MergedIdStream.of(streams, range.descending());
    };
  }

  private Optional<IdSource> byType(List<Expr> conjuncts) {
    for (Expr conjunct : conjuncts) {
      List<Long> typeIds = new ArrayList<>();
      List<Literal> names = equalities(conjunct, null, Attribute.TYPE);
      for (Literal name : names) {
        typeIds.addAll(typeIdsNamed(kind.node().typeKind, ((Literal.StringLiteral) name).value()));
      }
      Optional<List<Long>> ids = ints(equalities(conjunct, null, Attribute.TYPE_ID));
      ids.ifPresent(typeIds::addAll);
      if (!names.isEmpty() || ids.isPresent()) {
        return Optional.of(
            range -> {
              List<IdStream> streams = new ArrayList<>();
              for (long typeId : new TreeSet<>(typeIds)) {
                streams.add(
                    view.ids(Cf.NODES_BY_TYPE, Keys.byType(ns, kind.node().tag, typeId), range));
              }
              return MergedIdStream.of(streams, range.descending());
            });
      }
    }
    return Optional.empty();
  }

  /** Every version of the type named {@code name}: they share the key prefix (name, NUL). */
  private List<Long> typeIdsNamed(TypeKind<?> typeKind, String name) {
    List<Long> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e :
        view.scan(Cf.TYPE_NAMES, Keys.typeName(ns, typeKind.tag, name, ""))) {
      out.add(Keys.longValue(e.getValue()));
    }
    return out;
  }

  private List<Long> allTypeIds(TypeKind<?> typeKind) {
    List<Long> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : view.scan(typeKind.cf, Keys.namespace(ns))) {
      out.add(Keys.trailingId(e.getKey()));
    }
    return out;
  }

  private static IdStream listed(TreeSet<Long> ids, IdRange range) {
    if (range.isEmpty()) {
      return IdStream.EMPTY;
    }
    var inRange = ids.subSet(range.from(), true, range.to(), true);
    var it = range.descending() ? inRange.descendingIterator() : inRange.iterator();
    return () -> it.hasNext() ? it.next() : IdStream.END;
  }

  /**
   * The literals a conjunct pins a field to: {@code field = x} gives [x], {@code field IN (...)}
   * its list; anything else none. {@code alias} null means the node's own attribute.
   */
  private static List<Literal> equalities(Expr conjunct, String alias, Attribute attribute) {
    if (conjunct instanceof Expr.Compare c
        && c.op() == Expr.Op.EQ
        && is(c.field(), alias, attribute)) {
      return List.of(c.value());
    }
    if (conjunct instanceof Expr.In in && !in.negated() && is(in.field(), alias, attribute)) {
      return in.values();
    }
    return List.of();
  }

  private static boolean is(Field field, String alias, Attribute attribute) {
    return field instanceof Field.AttributeField f
        && f.attribute() == attribute
        && Objects.equals(f.alias(), alias);
  }

  /** The literals as ids, if there are some and all are integers (a double literal may not be). */
  private static Optional<List<Long>> ints(List<Literal> literals) {
    if (literals.isEmpty() || !literals.stream().allMatch(l -> l instanceof Literal.IntLiteral)) {
      return Optional.empty();
    }
    return Optional.of(literals.stream().map(l -> ((Literal.IntLiteral) l).value()).toList());
  }

  private static Optional<String> singleString(List<Literal> literals) {
    return literals.size() == 1
        ? Optional.of(((Literal.StringLiteral) literals.get(0)).value())
        : Optional.empty();
  }
}

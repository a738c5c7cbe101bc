package dev.cairn.lineage.filter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Knows which fields each target has (MLMD's filter_query schema) and turns a written path into a
 * {@link Field}, or an error naming the path and what was possible instead.
 */
final class FieldResolver {
  private static final List<Attribute> CONTEXT_ATTRIBUTES =
      List.of(
          Attribute.ID,
          Attribute.TYPE_ID,
          Attribute.TYPE,
          Attribute.NAME,
          Attribute.EXTERNAL_ID,
          Attribute.CREATE_TIME,
          Attribute.LAST_UPDATE_TIME);

  private static final Map<Target, List<Attribute>> NODE_ATTRIBUTES =
      new EnumMap<>(
          Map.of(
              Target.ARTIFACT,
              List.of(
                  Attribute.ID,
                  Attribute.TYPE_ID,
                  Attribute.TYPE,
                  Attribute.NAME,
                  Attribute.URI,
                  Attribute.EXTERNAL_ID,
                  Attribute.STATE,
                  Attribute.CREATE_TIME,
                  Attribute.LAST_UPDATE_TIME),
              Target.EXECUTION,
              List.of(
                  Attribute.ID,
                  Attribute.TYPE_ID,
                  Attribute.TYPE,
                  Attribute.NAME,
                  Attribute.EXTERNAL_ID,
                  Attribute.LAST_KNOWN_STATE,
                  Attribute.CREATE_TIME,
                  Attribute.LAST_UPDATE_TIME),
              Target.CONTEXT,
              CONTEXT_ATTRIBUTES));

  private static final Map<String, ValueKind> PROPERTY_KINDS =
      Map.of(
          "int_value", ValueKind.INT,
          "double_value", ValueKind.DOUBLE,
          "string_value", ValueKind.STRING,
          "bool_value", ValueKind.BOOL);

  private final String query;
  private final Target target;

  FieldResolver(String query, Target target) {
    this.query = query;
    this.target = target;
  }

  Field resolve(Token path) {
    List<String> segments = path.path();
    String head = segments.get(0);
    int at = path.position();
    if (head.equals("properties") || head.equals("custom_properties")) {
      return property(path, head.equals("custom_properties"));
    }
    Optional<Relation> relation = relationOf(head);
    if (relation.isPresent()) {
      return neighbour(path, relation.get());
    }
    if (segments.size() == 1) {
      for (Attribute a : NODE_ATTRIBUTES.get(target)) {
        if (a.filterName.equals(head)) {
          return new Field.AttributeField(null, null, a, at);
        }
      }
    }
    throw FilterErrors.at(
        query,
        at,
        String.format(
            "unknown attribute '%s' (%s have %s, properties.<name>.<kind>_value,"
                + " custom_properties.<name>.<kind>_value and %s)",
            path.text(),
            target.plural,
            names(NODE_ATTRIBUTES.get(target)),
            relations().stream()
                .map(r -> r.prefix + "<alias>.*")
                .collect(Collectors.joining(", "))));
  }

  /** The relations a node of this target can join, in MLMD's terms. */
  List<Relation> relations() {
    return target == Target.CONTEXT
        ? List.of(Relation.PARENT_CONTEXTS, Relation.CHILD_CONTEXTS)
        : List.of(Relation.CONTEXTS, Relation.EVENTS);
  }

  private Optional<Relation> relationOf(String head) {
    for (Relation r : Relation.values()) {
      if (head.startsWith(r.prefix) && head.length() > r.prefix.length()) {
        if (!relations().contains(r)) {
          return Optional.empty();
        }
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private Field property(Token path, boolean custom) {
    List<String> segments = path.path();
    ValueKind kind = segments.size() == 3 ? PROPERTY_KINDS.get(segments.get(2)) : null;
    if (kind == null) {
      throw FilterErrors.at(
          query,
          path.position(),
          String.format(
              "malformed property '%s' (write %s.<name>.int_value, double_value, string_value or"
                  + " bool_value; quote names with special characters in backticks)",
              path.text(), segments.get(0)));
    }
    return new Field.PropertyField(custom, segments.get(1), kind, path.position());
  }

  private Field neighbour(Token path, Relation relation) {
    List<String> segments = path.path();
    String alias = segments.get(0);
    List<Attribute> allowed = neighbourAttributes(relation);
    if (segments.size() == 2) {
      for (Attribute a : allowed) {
        if (a.filterName.equals(segments.get(1))) {
          return new Field.AttributeField(alias, relation, a, path.position());
        }
      }
    }
    throw FilterErrors.at(
        query,
        path.position(),
        String.format("unknown field '%s' (%s has %s)", path.text(), alias, names(allowed)));
  }

  private List<Attribute> neighbourAttributes(Relation relation) {
    if (relation != Relation.EVENTS) {
      return CONTEXT_ATTRIBUTES;
    }
    Attribute otherEnd =
        target == Target.ARTIFACT ? Attribute.EVENT_EXECUTION_ID : Attribute.EVENT_ARTIFACT_ID;
    return List.of(Attribute.EVENT_TYPE, otherEnd, Attribute.EVENT_TIME);
  }

  private static String names(List<Attribute> attributes) {
    return attributes.stream().map(a -> a.filterName).collect(Collectors.joining(", "));
  }
}

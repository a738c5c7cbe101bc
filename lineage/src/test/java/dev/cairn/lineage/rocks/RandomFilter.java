package dev.cairn.lineage.rocks;

import dev.cairn.lineage.mlmd.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Random filters, each with its text and a reference meaning written independently of the filter
 * package: SQL three-valued logic over {@link RefNode}s, aliases tried by brute force over every
 * assignment of neighbours.
 */
final class RandomFilter {
  /** A reference predicate: TRUE, FALSE or null for UNKNOWN. */
  interface Ref {
    Boolean eval(RefNode node, Map<String, RefNode> binding);
  }

  /** The text of a random filter, its meaning, and the aliases it joins with their prefixes. */
  record Gen(String text, Ref ref, Map<String, String> aliases) {
    /** Whether some assignment of the node's neighbours to the aliases makes the filter TRUE. */
    boolean matches(RefNode node) {
      return anyAssignment(node, new ArrayList<>(aliases.entrySet()), 0, new HashMap<>());
    }

    private boolean anyAssignment(
        RefNode node, List<Map.Entry<String, String>> left, int i, Map<String, RefNode> binding) {
      if (i == left.size()) {
        return Boolean.TRUE.equals(ref.eval(node, binding));
      }
      for (RefNode n : node.related().getOrDefault(left.get(i).getValue(), List.of())) {
        binding.put(left.get(i).getKey(), n);
        if (anyAssignment(node, left, i + 1, binding)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A field reader for the reference: reads the node or the neighbour bound to an alias. */
  private record Reader(
      String text,
      String alias,
      String prefix,
      BiFunction<RefNode, Map<String, RefNode>, Object> read) {}

  private final Random random;
  private final List<Long> ids;
  private final long minTime;
  private final long maxTime;
  private final List<String> leafKinds;

  private RandomFilter(
      Random random, List<Long> ids, long minTime, long maxTime, List<String> leafKinds) {
    this.random = random;
    this.ids = ids;
    this.minTime = minTime;
    this.maxTime = maxTime;
    this.leafKinds = leafKinds;
  }

  static final List<String> ARTIFACT_LEAVES =
      List.of(
          "id",
          "idIn",
          "typeId",
          "type",
          "typeIn",
          "name",
          "nameLike",
          "nameNull",
          "uriLike",
          "uriNull",
          "externalId",
          "state",
          "stateIn",
          "stateNull",
          "created",
          "updated",
          "rows",
          "split",
          "accuracy",
          "owner",
          "epochs",
          "score",
          "flag",
          "odd",
          "ctxName",
          "ctxType",
          "ctxNameLike",
          "ctxId",
          "ctx2Name",
          "eventType",
          "eventExecution");

  static final List<String> EXECUTION_LEAVES =
      List.of(
          "id",
          "idIn",
          "type",
          "name",
          "nameLike",
          "lastKnownState",
          "lastKnownStateNull",
          "created",
          "updated",
          "exitCode",
          "ctxName",
          "ctxType",
          "ctx2Name",
          "eventType",
          "eventArtifact");

  static final List<String> CONTEXT_LEAVES =
      List.of(
          "id",
          "type",
          "name",
          "nameLike",
          "created",
          "parentName",
          "parentType",
          "childName",
          "childType",
          "childId");

  static RandomFilter over(
      Random random, List<Long> ids, long minTime, long maxTime, List<String> leafKinds) {
    return new RandomFilter(random, ids, minTime, maxTime, leafKinds);
  }

  /** A random expression up to {@code depth} levels of AND / OR / NOT deep. */
  Gen expression(int depth) {
    int pick = depth <= 0 ? 9 : random.nextInt(10);
    if (pick < 3) {
      return combine("AND", depth);
    }
    if (pick < 5) {
      return combine("OR", depth);
    }
    if (pick < 6) {
      Gen inner = expression(depth - 1);
      return new Gen(
          "NOT (" + inner.text() + ")", (n, b) -> not(inner.ref().eval(n, b)), inner.aliases());
    }
    return leaf();
  }

  /** A top-level AND of a leaf an index can drive and a random expression. */
  Gen driven(String driverText, Gen rest) {
    Gen driver = parse(driverText);
    Map<String, String> aliases = new LinkedHashMap<>(driver.aliases());
    aliases.putAll(rest.aliases());
    return new Gen(
        driver.text() + " AND (" + rest.text() + ")",
        (n, b) -> and(driver.ref().eval(n, b), rest.ref().eval(n, b)),
        aliases);
  }

  private Gen combine(String op, int depth) {
    int n = 2 + random.nextInt(2);
    List<Gen> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(expression(depth - 1));
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    parts.forEach(p -> aliases.putAll(p.aliases()));
    String text =
        parts.stream().map(p -> "(" + p.text() + ")").collect(Collectors.joining(" " + op + " "));
    Ref ref =
        (node, b) -> {
          Boolean acc = op.equals("AND") ? Boolean.TRUE : Boolean.FALSE;
          for (Gen p : parts) {
            Boolean v = p.ref().eval(node, b);
            acc = op.equals("AND") ? and(acc, v) : or(acc, v);
          }
          return acc;
        };
    return new Gen(text, ref, aliases);
  }

  private Gen leaf() {
    return parse(leafText(leafKinds.get(random.nextInt(leafKinds.size()))));
  }

  private String leafText(String kind) {
    return switch (kind) {
      case "id" -> "id " + op() + " " + someId();
      case "idIn" -> "id IN (" + someId() + ", " + someId() + ", " + someId() + ")";
      case "typeId" -> "type_id " + pick("=", "!=") + " " + (1 + random.nextInt(4));
      case "type" ->
          "type "
              + pick("=", "!=")
              + " '"
              + pick("Dataset", "Model", "Step", "Run", "Pipeline", "Nope")
              + "'";
      case "typeIn" -> "type IN ('Model', '" + pick("Dataset", "Nope") + "')";
      case "name" ->
          "name "
              + pick("=", "!=", ">")
              + " '"
              + pick("a-", "e-", "run-", "pipe-")
              + random.nextInt(12)
              + "'";
      case "nameLike" ->
          "name "
              + pick("LIKE", "NOT LIKE")
              + " '"
              + pick("a-1%", "%-1", "_-_", "%", "run%", "e-%")
              + "'";
      case "nameNull" -> "name IS " + pick("NULL", "NOT NULL");
      case "uriLike" -> "uri LIKE '" + pick("cairn:%", "s3://%", "%1") + "'";
      case "uriNull" -> "uri IS " + pick("NULL", "NOT NULL");
      case "externalId" -> "external_id " + pick("=", "!=") + " 'ext-" + random.nextInt(12) + "'";
      case "state" ->
          "state " + pick("=", "!=") + " " + pick("LIVE", "PENDING", "DELETED", "UNKNOWN");
      case "stateIn" ->
          "state " + pick("IN", "NOT IN") + " (LIVE, " + pick("PENDING", "REFERENCE") + ")";
      case "stateNull" -> "state IS " + pick("NULL", "NOT NULL");
      case "lastKnownState" ->
          "last_known_state " + pick("=", "!=") + " " + pick("RUNNING", "COMPLETE", "FAILED");
      case "lastKnownStateNull" -> "last_known_state IS " + pick("NULL", "NOT NULL");
      case "created" -> "create_time_since_epoch " + op() + " " + someTime();
      case "updated" -> "last_update_time_since_epoch " + op() + " " + someTime();
      case "rows" -> "properties.rows.int_value " + op() + " " + random.nextInt(20);
      case "split" ->
          "properties.split.string_value " + pick("=", "!=") + " '" + pick("train", "eval") + "'";
      case "accuracy" ->
          "properties.accuracy.double_value " + op() + " " + pick("0.5", "0", "1", "0.25");
      case "owner" ->
          "custom_properties.owner.string_value " + pick("IN", "NOT IN") + " ('alice', 'bob')";
      case "epochs" ->
          "custom_properties.epochs."
              + pick(
                  "int_value " + op() + " " + random.nextInt(6),
                  "int_value IS NULL",
                  "string_value = 'many'");
      case "score" ->
          "custom_properties.score.double_value " + op() + " " + pick("0.5", "1", "1.25");
      case "flag" ->
          "custom_properties.flag.bool_value " + pick("=", "!=") + " " + pick("TRUE", "FALSE");
      case "odd" ->
          "custom_properties.`odd key:x`.string_value "
              + pick("= 'v1'", "IS NOT NULL", "LIKE 'v%'");
      case "exitCode" -> "properties.exit_code.int_value " + op() + " " + random.nextInt(3);
      case "ctxName" ->
          "contexts_a.name = '" + pick("run-0", "run-1", "run-2", "pipe-0", "nope") + "'";
      case "ctxType" -> "contexts_a.type = '" + pick("Run", "Pipeline") + "'";
      case "ctxNameLike" -> "contexts_a.name LIKE '" + pick("run%", "%0") + "'";
      case "ctxId" -> "contexts_a.id " + pick("=", "!=") + " " + (1 + random.nextInt(6));
      case "ctx2Name" ->
          "contexts_b.name " + pick("=", "!=") + " '" + pick("run-1", "pipe-0", "run-3") + "'";
      case "eventType" -> "events_e.type = " + pick("INPUT", "OUTPUT");
      case "eventExecution" -> "events_e.execution_id = " + someId();
      case "eventArtifact" -> "events_e.artifact_id " + op() + " " + someId();
      case "parentName" -> "parent_contexts_p.name = '" + pick("pipe-0", "run-1") + "'";
      case "parentType" -> "parent_contexts_p.type = '" + pick("Pipeline", "Run") + "'";
      case "childName" ->
          "child_contexts_c.name " + pick("=", "!=") + " '" + pick("run-0", "run-1", "run-3") + "'";
      case "childType" -> "child_contexts_c.type = 'Run'";
      case "childId" -> "child_contexts_c.id = " + (1 + random.nextInt(6));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /**
   * The reference meaning of one leaf, read back from its text with a deliberately naive splitter:
   * "field op value" where field is a node attribute, a property path or alias.attr.
   */
  static Gen parse(String text) {
    String[] fieldAndRest = splitField(text);
    Reader reader = reader(fieldAndRest[0]);
    String rest = fieldAndRest[1].strip();
    Map<String, String> aliases = new LinkedHashMap<>();
    if (reader.alias() != null) {
      aliases.put(reader.alias(), reader.prefix());
    }
    Ref ref;
    if (rest.startsWith("IS NOT NULL")) {
      ref = (n, b) -> reader.read().apply(n, b) != null;
    } else if (rest.startsWith("IS NULL")) {
      ref = (n, b) -> reader.read().apply(n, b) == null;
    } else if (rest.startsWith("NOT IN") || rest.startsWith("IN")) {
      boolean negated = rest.startsWith("NOT");
      String list = rest.substring(rest.indexOf('(') + 1, rest.lastIndexOf(')'));
      List<Object> values = new ArrayList<>();
      for (String v : list.split(",")) {
        values.add(literal(v.strip()));
      }
      ref =
          (n, b) -> {
            Object v = reader.read().apply(n, b);
            if (v == null) {
              return null;
            }
            boolean found = values.stream().anyMatch(l -> compare(v, l) == 0);
            return found != negated;
          };
    } else if (rest.startsWith("NOT LIKE") || rest.startsWith("LIKE")) {
      boolean negated = rest.startsWith("NOT");
      String pattern = (String) literal(rest.substring(rest.indexOf('\'')).strip());
      ref =
          (n, b) -> {
            Object v = reader.read().apply(n, b);
            return v == null ? null : like((String) v, pattern) != negated;
          };
    } else {
      int space = rest.indexOf(' ');
      String op = rest.substring(0, space);
      Object literal = literal(rest.substring(space + 1).strip());
      ref =
          (n, b) -> {
            Object v = reader.read().apply(n, b);
            if (v == null) {
              return null;
            }
            int c = compare(v, literal);
            return switch (op) {
              case "=" -> c == 0;
              case "!=" -> c != 0;
              case "<" -> c < 0;
              case "<=" -> c <= 0;
              case ">" -> c > 0;
              case ">=" -> c >= 0;
              default -> throw new IllegalArgumentException(op);
            };
          };
    }
    return new Gen(text, ref, aliases);
  }

  private static String[] splitField(String text) {
    int end = text.startsWith("custom_properties.`") ? text.indexOf('`', 19) + 1 : 0;
    int space = text.indexOf(' ', end);
    return new String[] {text.substring(0, space), text.substring(space)};
  }

  private static Reader reader(String field) {
    if (field.startsWith("properties.") || field.startsWith("custom_properties.")) {
      boolean custom = field.startsWith("custom_");
      String afterHead = field.substring(field.indexOf('.') + 1);
      int lastDot = afterHead.lastIndexOf('.');
      String name = afterHead.substring(0, lastDot).replace("`", "");
      String kind = afterHead.substring(lastDot + 1);
      return new Reader(
          field,
          null,
          null,
          (n, b) -> valueOf((custom ? n.customProperties() : n.properties()).get(name), kind));
    }
    int dot = field.indexOf('.');
    if (dot < 0) {
      return new Reader(field, null, null, (n, b) -> n.attributes().get(field));
    }
    String alias = field.substring(0, dot);
    String attribute = field.substring(dot + 1);
    String prefix = alias.substring(0, alias.lastIndexOf('_') + 1);
    return new Reader(field, alias, prefix, (n, b) -> b.get(alias).attributes().get(attribute));
  }

  private static Object valueOf(Value v, String kind) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      case "int_value" -> v.hasIntValue() ? (Object) v.getIntValue() : null;
      case "double_value" -> v.hasDoubleValue() ? (Object) v.getDoubleValue() : null;
      case "string_value" -> v.hasStringValue() ? v.getStringValue() : null;
      case "bool_value" -> v.hasBoolValue() ? (Object) v.getBoolValue() : null;
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static Object literal(String text) {
    if (text.startsWith("'")) {
      return text.substring(1, text.length() - 1);
    }
    if (text.equals("TRUE") || text.equals("FALSE")) {
      return text.equals("TRUE");
    }
    if (Character.isLetter(text.charAt(0))) {
      return text; // an enum constant, compared by name
    }
    return text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
  }

  private static int compare(Object value, Object literal) {
    if (value instanceof Long a && literal instanceof Long b) {
      return Long.compare(a, b);
    }
    if (value instanceof Number a && literal instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    if (value instanceof String a && literal instanceof String b) {
      return a.compareTo(b);
    }
    return value.equals(literal) ? 0 : 1;
  }

  /** LIKE by plain recursion over the pattern, not by regex. */
  static boolean like(String s, String p) {
    if (p.isEmpty()) {
      return s.isEmpty();
    }
    char c = p.charAt(0);
    if (c == '%') {
      for (int i = 0; i <= s.length(); i++) {
        if (like(s.substring(i), p.substring(1))) {
          return true;
        }
      }
      return false;
    }
    return !s.isEmpty() && (c == '_' || c == s.charAt(0)) && like(s.substring(1), p.substring(1));
  }

  private static Boolean not(Boolean v) {
    return v == null ? null : !v;
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }

  private String op() {
    return pick("=", "!=", "<", "<=", ">", ">=");
  }

  private long someId() {
    return ids.isEmpty() ? 1 : ids.get(random.nextInt(ids.size())) + random.nextInt(3) - 1;
  }

  private long someTime() {
    return minTime + (long) (random.nextDouble() * (maxTime - minTime + 2)) - 1;
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}

package dev.cairn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.ParentContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lineage API's JSON for Cairn's own values. MLMD's messages print with snake_case field names,
 * so Cairn's records next to them (steps, runs, provenance links, pins, put results) do too, and
 * {@link Dependents} takes the shape of MLMD's LineageGraph edges.
 */
public final class LineageJson {
  private static final ObjectMapper SNAKE_CASE =
      Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private LineageJson() {}

  /** A record (without MLMD messages inside) as a tree with snake_case names. */
  public static JsonNode tree(Object value) {
    return SNAKE_CASE.valueToTree(value);
  }

  /** A record back from a {@link #tree}. */
  public static <T> T value(JsonNode node, Class<T> type) {
    try {
      return SNAKE_CASE.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read " + type.getSimpleName() + " from JSON: " + e.getMessage(), e);
    }
  }

  /** {@code {events, attributions, associations, parent_contexts, description}}. */
  public static Map<String, Object> dependents(Dependents d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("events", d.events());
    out.put("attributions", d.attributions());
    out.put("associations", d.associations());
    out.put("parent_contexts", d.parentContexts());
    out.put("description", d.describe());
    return out;
  }

  /** The dependents in a {@link #dependents(Dependents)} tree. */
  public static Dependents dependents(JsonNode node) {
    return new Dependents(
        ProtoJson.messages(node.path("events"), Event::newBuilder, "events"),
        ProtoJson.messages(node.path("attributions"), Attribution::newBuilder, "attributions"),
        ProtoJson.messages(node.path("associations"), Association::newBuilder, "associations"),
        ProtoJson.messages(
            node.path("parent_contexts"), ParentContext::newBuilder, "parent_contexts"));
  }
}

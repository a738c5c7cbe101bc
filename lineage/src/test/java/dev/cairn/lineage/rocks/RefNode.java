package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference model of a node for filter tests, built with the store's plain getters and mapped
 * from MLMD field names by hand, independently of the filter package's adapters.
 *
 * @param attributes filter attribute name to value (Long, Double, String, Boolean, enum name);
 *     absent when unset
 * @param related neighbours by alias prefix ("contexts_", "events_", "parent_contexts_", ...)
 */
record RefNode(
    long id,
    Map<String, Object> attributes,
    Map<String, Value> properties,
    Map<String, Value> customProperties,
    Map<String, List<RefNode>> related) {

  static RefNode artifact(LineageStore store, String ns, Artifact a) {
    Map<String, Object> at = new HashMap<>();
    at.put("id", a.getId());
    at.put("type_id", a.getTypeId());
    at.put("type", a.getType());
    at.put("create_time_since_epoch", a.getCreateTimeSinceEpoch());
    at.put("last_update_time_since_epoch", a.getLastUpdateTimeSinceEpoch());
    if (a.hasName()) {
      at.put("name", a.getName());
    }
    if (a.hasUri()) {
      at.put("uri", a.getUri());
    }
    if (a.hasExternalId()) {
      at.put("external_id", a.getExternalId());
    }
    if (a.hasState()) {
      at.put("state", a.getState().name());
    }
    return new RefNode(
        a.getId(),
        at,
        a.getPropertiesMap(),
        a.getCustomPropertiesMap(),
        Map.of(
            "contexts_",
                store.getContextsByArtifact(ns, a.getId()).stream().map(RefNode::context).toList(),
            "events_",
                store.getEventsByArtifactIds(ns, List.of(a.getId())).stream()
                    .map(RefNode::event)
                    .toList()));
  }

  static RefNode execution(LineageStore store, String ns, Execution e) {
    Map<String, Object> at = new HashMap<>();
    at.put("id", e.getId());
    at.put("type_id", e.getTypeId());
    at.put("type", e.getType());
    at.put("name", e.getName());
    at.put("create_time_since_epoch", e.getCreateTimeSinceEpoch());
    at.put("last_update_time_since_epoch", e.getLastUpdateTimeSinceEpoch());
    if (e.hasLastKnownState()) {
      at.put("last_known_state", e.getLastKnownState().name());
    }
    return new RefNode(
        e.getId(),
        at,
        e.getPropertiesMap(),
        e.getCustomPropertiesMap(),
        Map.of(
            "contexts_",
                store.getContextsByExecution(ns, e.getId()).stream().map(RefNode::context).toList(),
            "events_",
                store.getEventsByExecutionIds(ns, List.of(e.getId())).stream()
                    .map(RefNode::event)
                    .toList()));
  }

  static RefNode contextWithFamily(LineageStore store, String ns, Context c) {
    RefNode plain = context(c);
    return new RefNode(
        c.getId(),
        plain.attributes(),
        plain.properties(),
        plain.customProperties(),
        Map.of(
            "parent_contexts_",
                store.getParentContexts(ns, c.getId()).stream().map(RefNode::context).toList(),
            "child_contexts_",
                store.getChildContexts(ns, c.getId()).stream().map(RefNode::context).toList()));
  }

  static RefNode context(Context c) {
    Map<String, Object> at = new HashMap<>();
    at.put("id", c.getId());
    at.put("type_id", c.getTypeId());
    at.put("type", c.getType());
    at.put("name", c.getName());
    at.put("create_time_since_epoch", c.getCreateTimeSinceEpoch());
    at.put("last_update_time_since_epoch", c.getLastUpdateTimeSinceEpoch());
    if (c.hasExternalId()) {
      at.put("external_id", c.getExternalId());
    }
    return new RefNode(c.getId(), at, c.getPropertiesMap(), c.getCustomPropertiesMap(), Map.of());
  }

  static RefNode event(Event e) {
    Map<String, Object> at = new HashMap<>();
    at.put("type", e.getType().name());
    at.put("artifact_id", e.getArtifactId());
    at.put("execution_id", e.getExecutionId());
    at.put("milliseconds_since_epoch", e.getMillisecondsSinceEpoch());
    return new RefNode(0, at, Map.of(), Map.of(), Map.of());
  }

  long orderValue(String attribute) {
    return (Long) attributes.get(attribute);
  }
}

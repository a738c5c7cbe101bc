package dev.cairn.lineage.filter;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.Value;
import java.util.List;
import java.util.Map;

/** {@link FilterNode} adapters over MLMD's messages. Unset optional fields read as NULL. */
public final class FilterNodes {
  private FilterNodes() {}

  public static FilterNode artifact(Artifact a, Neighbors neighbors) {
    return new Adapter(a.getPropertiesMap(), a.getCustomPropertiesMap(), neighbors) {
      @Override
      public Object attribute(Attribute attribute) {
        return switch (attribute) {
          case ID -> a.hasId() ? a.getId() : null;
          case TYPE_ID -> a.hasTypeId() ? a.getTypeId() : null;
          case TYPE -> a.hasType() ? a.getType() : null;
          case NAME -> a.hasName() ? a.getName() : null;
          case URI -> a.hasUri() ? a.getUri() : null;
          case EXTERNAL_ID -> a.hasExternalId() ? a.getExternalId() : null;
          case STATE -> a.hasState() ? a.getState().name() : null;
          case CREATE_TIME -> a.hasCreateTimeSinceEpoch() ? a.getCreateTimeSinceEpoch() : null;
          case LAST_UPDATE_TIME ->
              a.hasLastUpdateTimeSinceEpoch() ? a.getLastUpdateTimeSinceEpoch() : null;
          default -> null;
        };
      }
    };
  }

  public static FilterNode execution(Execution e, Neighbors neighbors) {
    return new Adapter(e.getPropertiesMap(), e.getCustomPropertiesMap(), neighbors) {
      @Override
      public Object attribute(Attribute attribute) {
        return switch (attribute) {
          case ID -> e.hasId() ? e.getId() : null;
          case TYPE_ID -> e.hasTypeId() ? e.getTypeId() : null;
          case TYPE -> e.hasType() ? e.getType() : null;
          case NAME -> e.hasName() ? e.getName() : null;
          case EXTERNAL_ID -> e.hasExternalId() ? e.getExternalId() : null;
          case LAST_KNOWN_STATE -> e.hasLastKnownState() ? e.getLastKnownState().name() : null;
          case CREATE_TIME -> e.hasCreateTimeSinceEpoch() ? e.getCreateTimeSinceEpoch() : null;
          case LAST_UPDATE_TIME ->
              e.hasLastUpdateTimeSinceEpoch() ? e.getLastUpdateTimeSinceEpoch() : null;
          default -> null;
        };
      }
    };
  }

  public static FilterNode context(Context c, Neighbors neighbors) {
    return new Adapter(c.getPropertiesMap(), c.getCustomPropertiesMap(), neighbors) {
      @Override
      public Object attribute(Attribute attribute) {
        return switch (attribute) {
          case ID -> c.hasId() ? c.getId() : null;
          case TYPE_ID -> c.hasTypeId() ? c.getTypeId() : null;
          case TYPE -> c.hasType() ? c.getType() : null;
          case NAME -> c.hasName() ? c.getName() : null;
          case EXTERNAL_ID -> c.hasExternalId() ? c.getExternalId() : null;
          case CREATE_TIME -> c.hasCreateTimeSinceEpoch() ? c.getCreateTimeSinceEpoch() : null;
          case LAST_UPDATE_TIME ->
              c.hasLastUpdateTimeSinceEpoch() ? c.getLastUpdateTimeSinceEpoch() : null;
          default -> null;
        };
      }
    };
  }

  /** An event as the neighbour {@code events_<alias>}; it has no properties or neighbours. */
  public static FilterNode event(Event e) {
    return new Adapter(Map.of(), Map.of(), Neighbors.NONE) {
      @Override
      public Object attribute(Attribute attribute) {
        return switch (attribute) {
          case EVENT_TYPE -> e.hasType() ? e.getType().name() : null;
          case EVENT_ARTIFACT_ID -> e.hasArtifactId() ? e.getArtifactId() : null;
          case EVENT_EXECUTION_ID -> e.hasExecutionId() ? e.getExecutionId() : null;
          case EVENT_TIME -> e.hasMillisecondsSinceEpoch() ? e.getMillisecondsSinceEpoch() : null;
          default -> null;
        };
      }
    };
  }

  private abstract static class Adapter implements FilterNode {
    private final Map<String, Value> properties;
    private final Map<String, Value> customProperties;
    private final Neighbors neighbors;

    Adapter(Map<String, Value> properties, Map<String, Value> custom, Neighbors neighbors) {
      this.properties = properties;
      this.customProperties = custom;
      this.neighbors = neighbors;
    }

    @Override
    public Value property(String name) {
      return properties.get(name);
    }

    @Override
    public Value customProperty(String name) {
      return customProperties.get(name);
    }

    @Override
    public List<FilterNode> related(Relation relation) {
      return neighbors.related(relation);
    }
  }
}

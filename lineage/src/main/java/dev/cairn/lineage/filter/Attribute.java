package dev.cairn.lineage.filter;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.Arrays;
import java.util.List;

/** A built-in field of a node or an event, under the name MLMD's filter syntax gives it. */
public enum Attribute {
  ID("id", ValueKind.INT),
  TYPE_ID("type_id", ValueKind.INT),
  /** The name of the node's type. */
  TYPE("type", ValueKind.STRING),
  NAME("name", ValueKind.STRING),
  URI("uri", ValueKind.STRING),
  EXTERNAL_ID("external_id", ValueKind.STRING),
  STATE("state", Artifact.State.class),
  LAST_KNOWN_STATE("last_known_state", Execution.State.class),
  CREATE_TIME("create_time_since_epoch", ValueKind.INT),
  LAST_UPDATE_TIME("last_update_time_since_epoch", ValueKind.INT),
  EVENT_TYPE("type", Event.Type.class),
  EVENT_ARTIFACT_ID("artifact_id", ValueKind.INT),
  EVENT_EXECUTION_ID("execution_id", ValueKind.INT),
  EVENT_TIME("milliseconds_since_epoch", ValueKind.INT);

  /** The name a filter uses. */
  public final String filterName;

  public final ValueKind kind;

  /** For enum attributes, the constant names a filter may compare with; otherwise empty. */
  public final List<String> enumNames;

  Attribute(String filterName, ValueKind kind) {
    this.filterName = filterName;
    this.kind = kind;
    this.enumNames = List.of();
  }

  Attribute(String filterName, Class<? extends Enum<?>> enumType) {
    this.filterName = filterName;
    this.kind = ValueKind.ENUM;
    this.enumNames =
        Arrays.stream(enumType.getEnumConstants())
            .map(Enum::name)
            .filter(n -> !n.equals("UNRECOGNIZED"))
            .toList();
  }
}

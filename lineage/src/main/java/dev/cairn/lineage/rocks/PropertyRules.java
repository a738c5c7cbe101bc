package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.PropertyType;
import dev.cairn.lineage.mlmd.Value;
import java.util.Map;
import java.util.TreeMap;

/** MLMD's rules for typed properties and for type upserts. */
final class PropertyRules {
  private PropertyRules() {}

  /** The Value case a declared property type requires. */
  static Value.ValueCase valueCaseOf(PropertyType type) {
    return switch (type) {
      case INT -> Value.ValueCase.INT_VALUE;
      case DOUBLE -> Value.ValueCase.DOUBLE_VALUE;
      case STRING -> Value.ValueCase.STRING_VALUE;
      case STRUCT -> Value.ValueCase.STRUCT_VALUE;
      case PROTO -> Value.ValueCase.PROTO_VALUE;
      case BOOLEAN -> Value.ValueCase.BOOL_VALUE;
      case UNKNOWN -> Value.ValueCase.VALUE_NOT_SET;
    };
  }

  /** Checks a type's declared properties: each must have a known value type. */
  static void checkDeclared(String what, Map<String, PropertyType> declared) {
    for (Map.Entry<String, PropertyType> e : declared.entrySet()) {
      if (valueCaseOf(e.getValue()) == Value.ValueCase.VALUE_NOT_SET) {
        throw new LineageException.InvalidArgument(
            "Cannot put " + what + ": property '" + e.getKey() + "' has no type (UNKNOWN)");
      }
    }
  }

  /** Checks a node's properties against its type, and that every custom property has a value. */
  static void checkValues(
      String what,
      String typeName,
      Map<String, PropertyType> declared,
      Map<String, Value> properties,
      Map<String, Value> customProperties) {
    for (Map.Entry<String, Value> e : properties.entrySet()) {
      PropertyType type = declared.get(e.getKey());
      if (type == null) {
        throw new LineageException.InvalidArgument(
            String.format(
                "Cannot put %s: property '%s' is not declared by type '%s'"
                    + " (declared: %s; use custom_properties for free-form values)",
                what, e.getKey(), typeName, declared.keySet()));
      }
      Value.ValueCase expected = valueCaseOf(type);
      if (e.getValue().getValueCase() != expected) {
        throw new LineageException.InvalidArgument(
            String.format(
                "Cannot put %s: property '%s' of type '%s' must be %s, not %s",
                what, e.getKey(), typeName, type, e.getValue().getValueCase()));
      }
    }
    for (Map.Entry<String, Value> e : customProperties.entrySet()) {
      if (e.getValue().getValueCase() == Value.ValueCase.VALUE_NOT_SET) {
        throw new LineageException.InvalidArgument(
            String.format("Cannot put %s: custom property '%s' has no value", what, e.getKey()));
      }
    }
  }

  /**
   * Merges a requested schema into the stored one.
   *
   * @return the stored properties plus the added ones
   * @throws LineageException.AlreadyExists when the request conflicts with the stored type
   */
  static Map<String, PropertyType> merge(
      String what,
      Map<String, PropertyType> stored,
      Map<String, PropertyType> requested,
      TypeUpsert upsert) {
    for (Map.Entry<String, PropertyType> e : stored.entrySet()) {
      PropertyType asked = requested.get(e.getKey());
      if (asked == null && !upsert.canOmitFields()) {
        throw new LineageException.AlreadyExists(
            String.format(
                "Cannot update %s: stored property '%s' is missing from the request"
                    + " (allow can_omit_fields to keep it)",
                what, e.getKey()));
      }
      if (asked != null && asked != e.getValue()) {
        throw new LineageException.AlreadyExists(
            String.format(
                "Cannot update %s: property '%s' is %s and cannot become %s",
                what, e.getKey(), e.getValue(), asked));
      }
    }
    for (String name : requested.keySet()) {
      if (!stored.containsKey(name) && !upsert.canAddFields()) {
        throw new LineageException.AlreadyExists(
            String.format(
                "Cannot update %s: new property '%s' (allow can_add_fields to add it)",
                what, name));
      }
    }
    Map<String, PropertyType> merged = new TreeMap<>(stored);
    merged.putAll(requested);
    return merged;
  }
}

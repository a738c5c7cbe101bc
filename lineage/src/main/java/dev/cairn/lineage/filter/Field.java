package dev.cairn.lineage.filter;

/** The left side of a predicate: something a node has, which may be NULL. */
public sealed interface Field {
  ValueKind kind();

  /** The 0-based offset of the field in the query. */
  int position();

  /**
   * A built-in attribute of the node itself ({@code alias} null) or of the neighbour bound to an
   * alias such as {@code contexts_a}.
   */
  record AttributeField(String alias, Relation relation, Attribute attribute, int position)
      implements Field {
    @Override
    public ValueKind kind() {
      return attribute.kind;
    }

    public boolean onNode() {
      return alias == null;
    }
  }

  /** {@code properties.<name>.<kind>_value} or {@code custom_properties.<name>.<kind>_value}. */
  record PropertyField(boolean custom, String name, ValueKind kind, int position)
      implements Field {}
}

package dev.cairn.lineage.filter;

import dev.cairn.lineage.mlmd.Value;
import java.util.List;

/**
 * What a filter reads from a node or an event: one adapter lets one evaluator serve artifacts,
 * executions, contexts and events (see {@link FilterNodes}).
 */
public interface FilterNode {
  /**
   * The attribute's value: a Long, Double, String, Boolean, or an enum constant's name; null when
   * the node does not have it set.
   */
  Object attribute(Attribute attribute);

  /** The property of that name, or null. */
  Value property(String name);

  /** The custom property of that name, or null. */
  Value customProperty(String name);

  /** The neighbours of that kind; empty when there are none. */
  List<FilterNode> related(Relation relation);
}

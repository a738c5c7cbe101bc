package dev.cairn.lineage.filter;

import java.util.List;

/** Looks up one node's neighbours when a filter joins them; called at most once per relation. */
@FunctionalInterface
public interface Neighbors {
  Neighbors NONE = relation -> List.of();

  List<FilterNode> related(Relation relation);
}

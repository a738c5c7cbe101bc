package dev.cairn.lineage;

import dev.cairn.lineage.filter.Filter;
import dev.cairn.lineage.filter.FilterNode;
import dev.cairn.lineage.filter.FilterNodes;
import dev.cairn.lineage.filter.Neighbors;
import dev.cairn.lineage.filter.Target;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link LineageStore#artifactFilter} and {@link LineageStore#executionFilter} for any store: the
 * filter is compiled here, and the neighbours it names (contexts, events) are read through the
 * store's own queries. A store with faster access to its edges can do better.
 */
public final class NodeFilters {
  private NodeFilters() {}

  /** Like {@link LineageStore#artifactFilter}. */
  public static Predicate<Artifact> artifacts(LineageStore store, String namespace, String query) {
    if (query == null || query.isBlank()) {
      return a -> true;
    }
    Filter filter = Filter.compile(Target.ARTIFACT, query);
    return a -> filter.test(FilterNodes.artifact(a, neighbors(store, namespace, a.getId(), true)));
  }

  /** Like {@link LineageStore#executionFilter}. */
  public static Predicate<Execution> executions(
      LineageStore store, String namespace, String query) {
    if (query == null || query.isBlank()) {
      return e -> true;
    }
    Filter filter = Filter.compile(Target.EXECUTION, query);
    return e ->
        filter.test(FilterNodes.execution(e, neighbors(store, namespace, e.getId(), false)));
  }

  /** The contexts and events of an artifact or execution; none for a node not yet stored. */
  private static Neighbors neighbors(
      LineageStore store, String namespace, long id, boolean artifact) {
    if (id <= 0) {
      return Neighbors.NONE;
    }
    return relation -> {
      switch (relation) {
        case CONTEXTS:
          List<Context> contexts =
              artifact
                  ? store.getContextsByArtifact(namespace, id)
                  : store.getContextsByExecution(namespace, id);
          return contexts.stream().map(c -> FilterNodes.context(c, Neighbors.NONE)).toList();
        case EVENTS:
          List<Event> events =
              artifact
                  ? store.getEventsByArtifactIds(namespace, List.of(id))
                  : store.getEventsByExecutionIds(namespace, List.of(id));
          return events.stream().map(FilterNodes::event).toList();
        default:
          // Parent and child contexts are neighbours of contexts; the parser refuses them here.
          return List.<FilterNode>of();
      }
    };
  }
}

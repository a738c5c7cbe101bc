package dev.cairn.lineage;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the artifact-execution graph from starting nodes along events, breadth first. Upstream
 * follows what produced a node (an artifact's OUTPUT events to executions, an execution's INPUT
 * events to artifacts); downstream follows what consumed it. Each event crossed is one hop.
 */
public final class LineageWalker {
  /** Which way to walk. */
  public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH
  }

  public static final int MAX_HOPS = 100;

  private final LineageStore store;
  private final String namespace;

  public LineageWalker(LineageStore store, String namespace) {
    this.store = store;
    this.namespace = namespace;
  }

  /** The subgraph within {@code maxHops} events of the starting artifacts and executions. */
  public Subgraph walk(
      List<Long> artifactIds, List<Long> executionIds, Direction direction, int maxHops) {
    if (maxHops < 0 || maxHops > MAX_HOPS) {
      throw new LineageException.InvalidArgument(
          "max hops must be between 0 and " + MAX_HOPS + ", got " + maxHops);
    }
    Map<Long, Artifact> artifacts = new LinkedHashMap<>();
    Map<Long, Execution> executions = new LinkedHashMap<>();
    Set<Event> events = new LinkedHashSet<>();
    store.getArtifactsByIds(namespace, artifactIds).forEach(a -> artifacts.put(a.getId(), a));
    store.getExecutionsByIds(namespace, executionIds).forEach(e -> executions.put(e.getId(), e));
    List<Long> artifactFrontier = new ArrayList<>(artifacts.keySet());
    List<Long> executionFrontier = new ArrayList<>(executions.keySet());
    for (int hop = 0;
        hop < maxHops && !(artifactFrontier.isEmpty() && executionFrontier.isEmpty());
        hop++) {
      List<Long> nextArtifacts = new ArrayList<>();
      List<Long> nextExecutions = new ArrayList<>();
      for (Event e :
          artifactFrontier.isEmpty()
              ? List.<Event>of()
              : store.getEventsByArtifactIds(namespace, artifactFrontier)) {
        if (follows(e, direction, true)
            && events.add(e)
            && !executions.containsKey(e.getExecutionId())) {
          nextExecutions.add(e.getExecutionId());
        }
      }
      for (Event e :
          executionFrontier.isEmpty()
              ? List.<Event>of()
              : store.getEventsByExecutionIds(namespace, executionFrontier)) {
        if (follows(e, direction, false)
            && events.add(e)
            && !artifacts.containsKey(e.getArtifactId())) {
          nextArtifacts.add(e.getArtifactId());
        }
      }
      store
          .getExecutionsByIds(namespace, nextExecutions)
          .forEach(x -> executions.putIfAbsent(x.getId(), x));
      store
          .getArtifactsByIds(namespace, nextArtifacts)
          .forEach(a -> artifacts.putIfAbsent(a.getId(), a));
      artifactFrontier = nextArtifacts.stream().distinct().toList();
      executionFrontier = nextExecutions.stream().distinct().toList();
    }
    return new Subgraph(
        new ArrayList<>(artifacts.values()),
        new ArrayList<>(executions.values()),
        new ArrayList<>(events));
  }

  /**
   * Whether to cross an event. From an artifact, upstream means the execution that wrote it (an
   * output event); from an execution, upstream means the artifacts it read (an input event).
   */
  private static boolean follows(Event e, Direction direction, boolean fromArtifact) {
    boolean output = isOutput(e.getType());
    boolean upstream = fromArtifact ? output : !output;
    return direction == Direction.BOTH || (direction == Direction.UPSTREAM) == upstream;
  }

  private static boolean isOutput(Event.Type type) {
    return switch (type) {
      case OUTPUT, DECLARED_OUTPUT, INTERNAL_OUTPUT, PENDING_OUTPUT -> true;
      default -> false;
    };
  }
}

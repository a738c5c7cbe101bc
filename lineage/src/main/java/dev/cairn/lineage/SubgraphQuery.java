package dev.cairn.lineage;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Execution;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@link LineageWalker} walks (MLMD's LineageSubgraphQueryOptions): from the starting nodes,
 * in a direction, at most {@code maxHops} events away. A node reached that matches an ending filter
 * is a boundary: the walk does not go past it, and it is kept only when {@code includeEndingNodes}.
 * Starting nodes are never boundaries.
 */
public record SubgraphQuery(
    List<Long> startArtifactIds,
    List<Long> startExecutionIds,
    LineageWalker.Direction direction,
    int maxHops,
    Predicate<Artifact> endingArtifacts,
    Predicate<Execution> endingExecutions,
    boolean includeEndingNodes) {
  /** The ending filter of a walk without one: no artifact ends it. */
  public static final Predicate<Artifact> NO_ENDING_ARTIFACTS = a -> false;

  /** The ending filter of a walk without one: no execution ends it. */
  public static final Predicate<Execution> NO_ENDING_EXECUTIONS = e -> false;

  public SubgraphQuery {
    startArtifactIds = List.copyOf(startArtifactIds);
    startExecutionIds = List.copyOf(startExecutionIds);
    if (maxHops < 0 || maxHops > LineageWalker.MAX_HOPS) {
      throw new LineageException.InvalidArgument(
          "Cannot walk lineage: max hops must be between 0 and "
              + LineageWalker.MAX_HOPS
              + ", got "
              + maxHops);
    }
  }

  /** A walk without ending filters. */
  public static SubgraphQuery of(
      List<Long> artifactIds,
      List<Long> executionIds,
      LineageWalker.Direction direction,
      int maxHops) {
    return new SubgraphQuery(
        artifactIds,
        executionIds,
        direction,
        maxHops,
        NO_ENDING_ARTIFACTS,
        NO_ENDING_EXECUTIONS,
        true);
  }

  /**
   * Whether some node may end the walk: false for the shared {@link #NO_ENDING_ARTIFACTS} and
   * {@link #NO_ENDING_EXECUTIONS}, which a store may walk without testing nodes at all.
   */
  public boolean hasEndingFilters() {
    return endingArtifacts != NO_ENDING_ARTIFACTS || endingExecutions != NO_ENDING_EXECUTIONS;
  }

  /** This walk, ending at nodes that match the filters. */
  public SubgraphQuery withEnding(
      Predicate<Artifact> artifacts, Predicate<Execution> executions, boolean include) {
    return new SubgraphQuery(
        startArtifactIds, startExecutionIds, direction, maxHops, artifacts, executions, include);
  }
}

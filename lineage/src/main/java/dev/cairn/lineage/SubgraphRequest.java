package dev.cairn.lineage;

import java.util.List;
import java.util.Objects;

/**
 * A lineage subgraph query in a form that can cross the wire: like {@link SubgraphQuery}, with
 * ending nodes and optional starting nodes given as MLMD filter_query strings instead of
 * predicates. {@link LineageWalker#walk(SubgraphRequest)} resolves it against a store.
 *
 * @param startArtifactIds artifacts to start from
 * @param startExecutionIds executions to start from
 * @param startArtifactFilter also start from the artifacts this filter selects (null for none); at
 *     most {@link #MAX_START_NODES} may match
 * @param startExecutionFilter likewise for executions
 * @param direction which way to walk
 * @param maxHops how many events away from a start, 0 to {@link LineageWalker#MAX_HOPS}
 * @param endingArtifactFilter artifacts the walk stops at (null for none)
 * @param endingExecutionFilter executions the walk stops at (null for none)
 * @param includeEndingNodes whether the nodes the walk stops at are part of the answer
 */
public record SubgraphRequest(
    List<Long> startArtifactIds,
    List<Long> startExecutionIds,
    String startArtifactFilter,
    String startExecutionFilter,
    LineageWalker.Direction direction,
    int maxHops,
    String endingArtifactFilter,
    String endingExecutionFilter,
    boolean includeEndingNodes) {
  /** The most nodes of each kind a start filter may select. */
  public static final int MAX_START_NODES = ListOptions.MAX_PAGE_SIZE;

  public SubgraphRequest {
    startArtifactIds = List.copyOf(startArtifactIds);
    startExecutionIds = List.copyOf(startExecutionIds);
    Objects.requireNonNull(direction, "direction");
    startArtifactFilter = blankToNull(startArtifactFilter);
    startExecutionFilter = blankToNull(startExecutionFilter);
    endingArtifactFilter = blankToNull(endingArtifactFilter);
    endingExecutionFilter = blankToNull(endingExecutionFilter);
    if (maxHops < 0 || maxHops > LineageWalker.MAX_HOPS) {
      throw new LineageException.InvalidArgument(
          "Cannot walk lineage: max hops must be between 0 and "
              + LineageWalker.MAX_HOPS
              + ", got "
              + maxHops);
    }
  }

  /** A walk from the given nodes, without filters. */
  public static SubgraphRequest of(
      List<Long> artifactIds,
      List<Long> executionIds,
      LineageWalker.Direction direction,
      int maxHops) {
    return new SubgraphRequest(
        artifactIds, executionIds, null, null, direction, maxHops, null, null, false);
  }

  /** This walk, also starting from the nodes the filters select. */
  public SubgraphRequest withStartFilters(String artifactFilter, String executionFilter) {
    return new SubgraphRequest(
        startArtifactIds,
        startExecutionIds,
        artifactFilter,
        executionFilter,
        direction,
        maxHops,
        endingArtifactFilter,
        endingExecutionFilter,
        includeEndingNodes);
  }

  /** This walk, ending at the nodes the filters select. */
  public SubgraphRequest withEnding(
      String artifactFilter, String executionFilter, boolean includeEndingNodes) {
    return new SubgraphRequest(
        startArtifactIds,
        startExecutionIds,
        startArtifactFilter,
        startExecutionFilter,
        direction,
        maxHops,
        artifactFilter,
        executionFilter,
        includeEndingNodes);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

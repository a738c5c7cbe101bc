package dev.cairn.lineage;

/**
 * A store that answers a whole subgraph request in one call. A remote store implements it so a walk
 * costs one round trip rather than two per hop; {@link LineageWalker#subgraph} uses it when it is
 * there.
 */
public interface SupportsSubgraph {
  /**
   * The subgraph {@code request} describes, exactly as {@link LineageWalker#walk(SubgraphRequest)}
   * over the same data would answer it.
   */
  Subgraph subgraph(String namespace, SubgraphRequest request);
}

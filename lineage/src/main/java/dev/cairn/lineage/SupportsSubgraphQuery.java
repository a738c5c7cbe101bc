package dev.cairn.lineage;

import java.util.Optional;

/**
 * A store that can walk a {@link SubgraphQuery} itself, faster than {@link LineageWalker}'s calls
 * per hop (a store holding its graph in memory). {@link LineageWalker#walk(SubgraphQuery)} asks it
 * first.
 */
public interface SupportsSubgraphQuery {
  /**
   * The subgraph, exactly as {@link LineageWalker} would walk it with this store's reads (same
   * nodes and events, same order), or empty when the store cannot walk it itself just now.
   */
  Optional<Subgraph> walk(String namespace, SubgraphQuery query);
}

package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.LineageWalker.Direction;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphQuery;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link LineageWalker}'s walk over the heap graph: the same hops, the same nodes and events in the
 * same order. A walk without ending filters whose nodes are all in the node table is one read (see
 * {@link CachedWalk}); otherwise each hop reads both frontiers' events in one pass over the index
 * and loads the next nodes from the table or RocksDB, without the public reads' checks, boxing and
 * sorting per call.
 */
final class HeapWalk {
  private final HeapGraph graph;
  private final int ns;
  private final Function<long[], List<byte[]>> fetchArtifacts;
  private final Function<long[], List<byte[]>> fetchExecutions;

  HeapWalk(
      HeapGraph graph,
      int ns,
      Function<long[], List<byte[]>> fetchArtifacts,
      Function<long[], List<byte[]>> fetchExecutions) {
    this.graph = graph;
    this.ns = ns;
    this.fetchArtifacts = fetchArtifacts;
    this.fetchExecutions = fetchExecutions;
  }

  /** The subgraph, or null if the heap graph stopped being usable during the walk. */
  Subgraph walk(SubgraphQuery query) {
    if (!query.hasEndingFilters()) {
      long fromArtifacts = EventLists.mask(LineageWalker.crossed(query.direction(), true));
      long fromExecutions = EventLists.mask(LineageWalker.crossed(query.direction(), false));
      Optional<Subgraph> cached =
          graph.read(
              ix -> CachedWalk.walk(ix, graph.nodes(), ns, query, fromArtifacts, fromExecutions));
      if (cached == null) {
        return null;
      }
      if (cached.isPresent()) {
        Subgraph g = cached.get();
        graph.nodes().count(g.artifacts().size() + g.executions().size(), 0);
        return g;
      }
    }
    return walkHopByHop(query);
  }

  /**
   * The walk with ending filters, which run outside the graph's lock (a filter may read the store),
   * or with nodes the table does not hold: each hop one read of the index, then the nodes reached.
   */
  private Subgraph walkHopByHop(SubgraphQuery query) {
    Map<Long, Artifact> artifacts = new LinkedHashMap<>();
    Map<Long, Execution> executions = new LinkedHashMap<>();
    Set<EventKey> seenEvents = new HashSet<>();
    List<Event> events = new ArrayList<>();
    List<Artifact> startArtifacts = artifacts(ids(query.startArtifactIds()));
    List<Execution> startExecutions = executions(ids(query.startExecutionIds()));
    if (startArtifacts == null || startExecutions == null) {
      return null;
    }
    startArtifacts.forEach(a -> artifacts.put(a.getId(), a));
    startExecutions.forEach(x -> executions.put(x.getId(), x));
    long[] artifactFrontier = ids(artifacts.keySet());
    long[] executionFrontier = ids(executions.keySet());
    Direction direction = query.direction();
    long fromArtifacts = EventLists.mask(LineageWalker.crossed(direction, true));
    long fromExecutions = EventLists.mask(LineageWalker.crossed(direction, false));
    for (int hop = 0;
        hop < query.maxHops() && (artifactFrontier.length > 0 || executionFrontier.length > 0);
        hop++) {
      long[] a = sorted(artifactFrontier);
      long[] x = sorted(executionFrontier);
      List<List<Event>> reached =
          graph.read(
              ix -> {
                List<Event> ofArtifacts = new ArrayList<>();
                for (long id : a) {
                  ix.events(true, ns, id, fromArtifacts, ofArtifacts);
                }
                List<Event> ofExecutions = new ArrayList<>();
                for (long id : x) {
                  ix.events(false, ns, id, fromExecutions, ofExecutions);
                }
                return List.of(ofArtifacts, ofExecutions);
              });
      if (reached == null) {
        return null;
      }
      List<Event> crossed = new ArrayList<>();
      // Loaded in id order whatever order they were found in, as the store's reads return them.
      long[] nextArtifacts = new long[reached.get(1).size()];
      long[] nextExecutions = new long[reached.get(0).size()];
      int artifactCount = 0;
      int executionCount = 0;
      for (Event e : reached.get(0)) {
        if (!seenEvents.contains(EventKey.of(e))) {
          crossed.add(e);
          if (!executions.containsKey(e.getExecutionId())) {
            nextExecutions[executionCount++] = e.getExecutionId();
          }
        }
      }
      for (Event e : reached.get(1)) {
        if (!seenEvents.contains(EventKey.of(e))) {
          crossed.add(e);
          if (!artifacts.containsKey(e.getArtifactId())) {
            nextArtifacts[artifactCount++] = e.getArtifactId();
          }
        }
      }
      List<Artifact> foundArtifacts = artifacts(Arrays.copyOf(nextArtifacts, artifactCount));
      List<Execution> foundExecutions = executions(Arrays.copyOf(nextExecutions, executionCount));
      if (foundArtifacts == null || foundExecutions == null) {
        return null;
      }
      // As LineageWalker: an ending node joins (if included) but is not walked past.
      List<Long> nextArtifactFrontier = new ArrayList<>();
      for (Artifact found : foundArtifacts) {
        if (!query.endingArtifacts().test(found)) {
          nextArtifactFrontier.add(found.getId());
        } else if (!query.includeEndingNodes()) {
          continue;
        }
        artifacts.putIfAbsent(found.getId(), found);
      }
      List<Long> nextExecutionFrontier = new ArrayList<>();
      for (Execution found : foundExecutions) {
        if (!query.endingExecutions().test(found)) {
          nextExecutionFrontier.add(found.getId());
        } else if (!query.includeEndingNodes()) {
          continue;
        }
        executions.putIfAbsent(found.getId(), found);
      }
      artifactFrontier = ids(nextArtifactFrontier);
      executionFrontier = ids(nextExecutionFrontier);
      for (Event e : crossed) {
        if (artifacts.containsKey(e.getArtifactId())
            && executions.containsKey(e.getExecutionId())
            && seenEvents.add(EventKey.of(e))) {
          events.add(e);
        }
      }
    }
    return new Subgraph(
        new ArrayList<>(artifacts.values()), new ArrayList<>(executions.values()), events);
  }

  /** What identifies an event: a store holds at most one per artifact, execution and type. */
  private record EventKey(long artifactId, long executionId, int type) {
    static EventKey of(Event e) {
      return new EventKey(e.getArtifactId(), e.getExecutionId(), e.getType().getNumber());
    }
  }

  private List<Artifact> artifacts(long[] ids) {
    return ids.length == 0 ? List.of() : graph.nodes(Cf.ARTIFACTS, ns, sorted(ids), fetchArtifacts);
  }

  private List<Execution> executions(long[] ids) {
    return ids.length == 0
        ? List.of()
        : graph.nodes(Cf.EXECUTIONS, ns, sorted(ids), fetchExecutions);
  }

  private static long[] ids(Collection<Long> ids) {
    long[] out = new long[ids.size()];
    int i = 0;
    for (long id : ids) {
      out[i++] = id;
    }
    return out;
  }

  /** Ascending and without repeats, as the store reads them. */
  private static long[] sorted(long[] ids) {
    return CachedWalk.distinct(ids.clone());
  }
}

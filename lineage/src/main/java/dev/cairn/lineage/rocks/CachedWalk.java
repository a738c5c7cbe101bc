package dev.cairn.lineage.rocks;

import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphQuery;
import dev.cairn.lineage.mlmd.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A walk without ending filters done entirely inside one read of the heap graph: the hops in ids
 * over the index, each node reached taken from the node table. It answers what {@link HeapWalk}
 * answers, in the same order, but with one validated read instead of three per hop and with flat
 * sets instead of boxed ones. Empty when some node reached is not in the table: the caller then
 * walks hop by hop, reading such nodes from RocksDB. Runs no filter, so nothing of the caller's
 * runs while the graph's lock may be held.
 */
final class CachedWalk {
  private static final int ARTIFACT = 0;
  private static final int EXECUTION = 1;

  private final GraphIndex index;
  private final NodeTable table;
  private final int ns;
  private final LongPairSet nodes = new LongPairSet();
  private final LongPairSet events = new LongPairSet();
  // Untyped, as is Reached.events: a cast or a store into a typed array loads the object's class
  // word, one cache miss per node, where the walk otherwise never reads the node.
  private final List<Object> artifacts = new ArrayList<>();
  private final List<Object> executions = new ArrayList<>();
  private final List<Object> kept = new ArrayList<>();

  private CachedWalk(GraphIndex index, NodeTable table, int ns) {
    this.index = index;
    this.table = table;
    this.ns = ns;
  }

  /** The subgraph of {@code query}, which must have no ending filters; empty on a table miss. */
  static Optional<Subgraph> walk(
      GraphIndex index,
      NodeTable table,
      int ns,
      SubgraphQuery query,
      long fromArtifacts,
      long fromExecutions) {
    return new CachedWalk(index, table, ns).run(query, fromArtifacts, fromExecutions);
  }

  private Optional<Subgraph> run(SubgraphQuery query, long fromArtifacts, long fromExecutions) {
    long[] artifactFrontier = reach(Cf.ARTIFACTS, distinct(ids(query.startArtifactIds())));
    long[] executionFrontier = reach(Cf.EXECUTIONS, distinct(ids(query.startExecutionIds())));
    if (artifactFrontier == null || executionFrontier == null) {
      return Optional.empty();
    }
    Reached reached = new Reached();
    for (int hop = 0;
        hop < query.maxHops() && (artifactFrontier.length > 0 || executionFrontier.length > 0);
        hop++) {
      reached.size = 0;
      reached.fromArtifact = true;
      for (long id : artifactFrontier) {
        reached.node = id;
        index.events(true, ns, id, fromArtifacts, reached);
      }
      int fromExecutionsAt = reached.size;
      reached.fromArtifact = false;
      for (long id : executionFrontier) {
        reached.node = id;
        index.events(false, ns, id, fromExecutions, reached);
      }
      // Events crossed for the first time, and the nodes on their far ends not yet in the graph.
      int[] crossed = new int[reached.size];
      int crossedCount = 0;
      long[] nextExecutions = new long[fromExecutionsAt];
      int executionCount = 0;
      long[] nextArtifacts = new long[reached.size - fromExecutionsAt];
      int artifactCount = 0;
      for (int i = 0; i < reached.size; i++) {
        long artifact = reached.artifacts[i];
        long execution = reached.executions[i];
        if (events.contains(eventFirst(artifact, reached.types[i]), execution)) {
          continue;
        }
        crossed[crossedCount++] = i;
        if (i < fromExecutionsAt) {
          if (!nodes.contains(EXECUTION, execution)) {
            nextExecutions[executionCount++] = execution;
          }
        } else if (!nodes.contains(ARTIFACT, artifact)) {
          nextArtifacts[artifactCount++] = artifact;
        }
      }
      // Joined in id order whatever order they were found in, as the store's reads return them.
      artifactFrontier = reach(Cf.ARTIFACTS, distinct(Arrays.copyOf(nextArtifacts, artifactCount)));
      executionFrontier =
          reach(Cf.EXECUTIONS, distinct(Arrays.copyOf(nextExecutions, executionCount)));
      if (artifactFrontier == null || executionFrontier == null) {
        return Optional.empty();
      }
      for (int c = 0; c < crossedCount; c++) {
        int i = crossed[c];
        long artifact = reached.artifacts[i];
        long execution = reached.executions[i];
        if (nodes.contains(ARTIFACT, artifact)
            && nodes.contains(EXECUTION, execution)
            && events.add(eventFirst(artifact, reached.types[i]), execution)) {
          kept.add(reached.events[i]);
        }
      }
    }
    return Optional.of(new Subgraph(typed(artifacts), typed(executions), typed(kept)));
  }

  /**
   * The events one hop reads, with their ends and types taken from the index's keys rather than
   * from the event objects, which the walk then touches only to return them.
   */
  private static final class Reached implements EventLists.Sink {
    long node;
    boolean fromArtifact;
    int size;
    long[] artifacts = new long[8];
    long[] executions = new long[8];
    int[] types = new int[8];
    Object[] events = new Object[8];

    @Override
    public void accept(long key, Event event) {
      if (size == events.length) {
        int length = size * 2;
        artifacts = Arrays.copyOf(artifacts, length);
        executions = Arrays.copyOf(executions, length);
        types = Arrays.copyOf(types, length);
        events = Arrays.copyOf(events, length);
      }
      long other = EventLists.otherOf(key);
      artifacts[size] = fromArtifact ? node : other;
      executions[size] = fromArtifact ? other : node;
      types[size] = EventLists.typeNumberOf(key);
      events[size++] = event;
    }
  }

  /**
   * Adds the nodes of {@code sortedIds} that exist in the namespace and answers their ids, the next
   * frontier; null when one of them is not in the table.
   */
  private long[] reach(Cf cf, long[] sortedIds) {
    long[] out = new long[sortedIds.length];
    int n = 0;
    for (long id : sortedIds) {
      if (!index.has(cf, ns, id)) {
        continue;
      }
      Object node = table.get(cf, id);
      if (node == null) {
        return null;
      }
      if (cf == Cf.ARTIFACTS) {
        nodes.add(ARTIFACT, id);
        artifacts.add(node);
      } else {
        nodes.add(EXECUTION, id);
        executions.add(node);
      }
      out[n++] = id;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The list as what it holds: artifacts, executions or events, as the index and table keep. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> typed(List<Object> list) {
    return (List<T>) (List<?>) list;
  }

  /** An event's artifact and type number: with its execution, what identifies a stored event. */
  private static long eventFirst(long artifact, int type) {
    return artifact << 8 | type;
  }

  private static long[] ids(List<Long> ids) {
    long[] out = new long[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.get(i);
    }
    return out;
  }

  /** Sorts {@code ids} in place and answers them without repeats. */
  static long[] distinct(long[] ids) {
    Arrays.sort(ids);
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (n == 0 || ids[i] != ids[n - 1]) {
        ids[n++] = ids[i];
      }
    }
    return n == ids.length ? ids : Arrays.copyOf(ids, n);
  }
}

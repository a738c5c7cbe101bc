package dev.cairn.lineage;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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

  private static final Set<Event.Type> ALL_TYPES =
      Collections.unmodifiableSet(EnumSet.allOf(Event.Type.class));
  private static final Set<Event.Type> OUTPUT_TYPES =
      Collections.unmodifiableSet(
          EnumSet.of(
              Event.Type.OUTPUT,
              Event.Type.DECLARED_OUTPUT,
              Event.Type.INTERNAL_OUTPUT,
              Event.Type.PENDING_OUTPUT));

  /** Every other type, UNKNOWN included, counts as an input. */
  private static final Set<Event.Type> INPUT_TYPES =
      Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.copyOf(OUTPUT_TYPES)));

  private final LineageStore store;
  private final String namespace;

  public LineageWalker(LineageStore store, String namespace) {
    this.store = store;
    this.namespace = namespace;
  }

  /** The subgraph within {@code maxHops} events of the starting artifacts and executions. */
  public Subgraph walk(
      List<Long> artifactIds, List<Long> executionIds, Direction direction, int maxHops) {
    return walk(SubgraphQuery.of(artifactIds, executionIds, direction, maxHops));
  }

  /**
   * The subgraph {@code request} describes, walked by the store itself when it {@link
   * SupportsSubgraph} (a remote store: one round trip), else walked here.
   */
  public static Subgraph subgraph(LineageStore store, String namespace, SubgraphRequest request) {
    return store instanceof SupportsSubgraph s
        ? s.subgraph(namespace, request)
        : new LineageWalker(store, namespace).walk(request);
  }

  /**
   * The subgraph {@code request} describes: its start filters are listed (and refused when they
   * select more than {@link SubgraphRequest#MAX_START_NODES} nodes), its ending filters compiled by
   * the store.
   *
   * @throws LineageException.InvalidArgument for a malformed filter or too many start nodes
   */
  public Subgraph walk(SubgraphRequest request) {
    List<Long> artifacts = new ArrayList<>(request.startArtifactIds());
    List<Long> executions = new ArrayList<>(request.startExecutionIds());
    if (request.startArtifactFilter() != null) {
      String filter = request.startArtifactFilter();
      artifacts.addAll(
          startIds(
              store.listArtifacts(namespace, startOptions(filter)),
              Artifact::getId,
              "artifacts",
              filter));
    }
    if (request.startExecutionFilter() != null) {
      String filter = request.startExecutionFilter();
      executions.addAll(
          startIds(
              store.listExecutions(namespace, startOptions(filter)),
              Execution::getId,
              "executions",
              filter));
    }
    // No ending filter means no node ends the walk (a blank filter would match every node).
    Predicate<Artifact> endingArtifacts =
        request.endingArtifactFilter() == null
            ? SubgraphQuery.NO_ENDING_ARTIFACTS
            : store.artifactFilter(namespace, request.endingArtifactFilter());
    Predicate<Execution> endingExecutions =
        request.endingExecutionFilter() == null
            ? SubgraphQuery.NO_ENDING_EXECUTIONS
            : store.executionFilter(namespace, request.endingExecutionFilter());
    return walk(
        new SubgraphQuery(
            artifacts,
            executions,
            request.direction(),
            request.maxHops(),
            endingArtifacts,
            endingExecutions,
            request.includeEndingNodes()));
  }

  private static ListOptions startOptions(String filter) {
    return new ListOptions(
        SubgraphRequest.MAX_START_NODES, ListOptions.OrderBy.ID, true, filter, null);
  }

  private static <T> List<Long> startIds(
      Page<T> page, Function<T, Long> id, String plural, String filter) {
    if (page.hasNext()) {
      throw new LineageException.InvalidArgument(
          "Cannot walk lineage: the start filter '"
              + filter
              + "' selects more than "
              + SubgraphRequest.MAX_START_NODES
              + " "
              + plural
              + "; narrow it");
    }
    return page.items().stream().map(id).toList();
  }

  /**
   * The subgraph the query describes; see {@link SubgraphQuery} for ending filters. A store that
   * {@link SupportsSubgraphQuery} walks it itself.
   */
  public Subgraph walk(SubgraphQuery query) {
    if (store instanceof SupportsSubgraphQuery s) {
      Optional<Subgraph> walked = s.walk(namespace, query);
      if (walked.isPresent()) {
        return walked.get();
      }
    }
    Map<Long, Artifact> artifacts = new LinkedHashMap<>();
    Map<Long, Execution> executions = new LinkedHashMap<>();
    // Keyed by its ends and type, which identify a stored event: hashing whole protos (paths and
    // all) cost more than the rest of the bookkeeping.
    Map<EventKey, Event> events = new LinkedHashMap<>();
    store
        .getArtifactsByIds(namespace, query.startArtifactIds())
        .forEach(a -> artifacts.put(a.getId(), a));
    store
        .getExecutionsByIds(namespace, query.startExecutionIds())
        .forEach(e -> executions.put(e.getId(), e));
    List<Long> artifactFrontier = new ArrayList<>(artifacts.keySet());
    List<Long> executionFrontier = new ArrayList<>(executions.keySet());
    Direction direction = query.direction();
    for (int hop = 0;
        hop < query.maxHops() && !(artifactFrontier.isEmpty() && executionFrontier.isEmpty());
        hop++) {
      List<Event> crossed = new ArrayList<>();
      Set<Long> nextArtifacts = new LinkedHashSet<>();
      Set<Long> nextExecutions = new LinkedHashSet<>();
      for (Event e : eventsOf(artifactFrontier, direction, true)) {
        if (!events.containsKey(EventKey.of(e))) {
          crossed.add(e);
          if (!executions.containsKey(e.getExecutionId())) {
            nextExecutions.add(e.getExecutionId());
          }
        }
      }
      for (Event e : eventsOf(executionFrontier, direction, false)) {
        if (!events.containsKey(EventKey.of(e))) {
          crossed.add(e);
          if (!artifacts.containsKey(e.getArtifactId())) {
            nextArtifacts.add(e.getArtifactId());
          }
        }
      }
      // A node matching an ending filter joins the graph (if ending nodes are included) but is
      // not walked past.
      artifactFrontier = new ArrayList<>();
      for (Artifact a : store.getArtifactsByIds(namespace, nextArtifacts)) {
        if (!query.endingArtifacts().test(a)) {
          artifactFrontier.add(a.getId());
        } else if (!query.includeEndingNodes()) {
          continue;
        }
        artifacts.putIfAbsent(a.getId(), a);
      }
      executionFrontier = new ArrayList<>();
      for (Execution x : store.getExecutionsByIds(namespace, nextExecutions)) {
        if (!query.endingExecutions().test(x)) {
          executionFrontier.add(x.getId());
        } else if (!query.includeEndingNodes()) {
          continue;
        }
        executions.putIfAbsent(x.getId(), x);
      }
      // Keep an event only when both of its ends made it into the graph.
      for (Event e : crossed) {
        if (artifacts.containsKey(e.getArtifactId())
            && executions.containsKey(e.getExecutionId())) {
          events.put(EventKey.of(e), e);
        }
      }
    }
    return new Subgraph(
        new ArrayList<>(artifacts.values()),
        new ArrayList<>(executions.values()),
        new ArrayList<>(events.values()));
  }

  /** What identifies an event: a store holds at most one per artifact, execution and type. */
  private record EventKey(long artifactId, long executionId, int type) {
    static EventKey of(Event e) {
      return new EventKey(e.getArtifactId(), e.getExecutionId(), e.getType().getNumber());
    }
  }

  /** The events to cross from the frontier; the store skips the others. */
  private List<Event> eventsOf(List<Long> frontier, Direction direction, boolean artifactSide) {
    if (frontier.isEmpty()) {
      return List.of();
    }
    Set<Event.Type> types = crossed(direction, artifactSide);
    return artifactSide
        ? store.getEventsByArtifactIds(namespace, frontier, types)
        : store.getEventsByExecutionIds(namespace, frontier, types);
  }

  /**
   * Which events to cross, an unmodifiable set. From an artifact, upstream means the execution that
   * wrote it (an output event); from an execution, upstream means the artifacts it read (an input
   * event).
   */
  public static Set<Event.Type> crossed(Direction direction, boolean fromArtifact) {
    if (direction == Direction.BOTH) {
      return ALL_TYPES;
    }
    return (direction == Direction.UPSTREAM) == fromArtifact ? OUTPUT_TYPES : INPUT_TYPES;
  }
}

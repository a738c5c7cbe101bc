package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.LineageWalker.Direction;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphQuery;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Random DAGs of steps: every walk the store answers equals a breadth-first search over the events
 * held in plain Java maps, with and without ending filters.
 */
class GeneratedDagWalkTest extends StoreFixture {
  /** The events as plain edges: node keys are "a<id>" and "e<id>". */
  private final List<Event> allEvents = new ArrayList<>();

  @RepeatedTest(6)
  void walksEqualABruteForceSearch(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    List<Long> artifacts = new ArrayList<>();
    List<Long> executions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      artifacts.add(store.putArtifacts(NS, List.of(snapshot("src" + i))).get(0));
    }
    for (int s = 0; s < 60; s++) {
      List<ArtifactAndEvent> io = new ArrayList<>();
      Set<Long> inputs = new HashSet<>();
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        inputs.add(artifacts.get(random.nextInt(artifacts.size())));
      }
      for (long in : inputs) {
        io.add(
            ArtifactAndEvent.of(
                Artifact.newBuilder().setId(in).build(),
                Event.newBuilder().setType(Event.Type.INPUT).build()));
      }
      for (int k = 1 + random.nextInt(2); k > 0; k--) {
        io.add(
            ArtifactAndEvent.of(
                snapshot("s" + s + "-" + k),
                Event.newBuilder().setType(Event.Type.OUTPUT).build()));
      }
      var r = store.putExecution(NS, step("step" + s), io, List.of(run("r")));
      executions.add(r.executionId());
      r.artifactIds().stream().filter(a -> !artifacts.contains(a)).forEach(artifacts::add);
    }
    allEvents.addAll(store.getEventsByExecutionIds(NS, executions));

    LineageWalker walker = new LineageWalker(store, NS);
    for (int q = 0; q < 40; q++) {
      Direction direction = Direction.values()[random.nextInt(3)];
      int hops = random.nextInt(8);
      List<Long> startA = List.of(artifacts.get(random.nextInt(artifacts.size())));
      List<Long> startE =
          random.nextBoolean()
              ? List.of(executions.get(random.nextInt(executions.size())))
              : List.of();
      int modulus = 2 + random.nextInt(5);
      Predicate<Artifact> endA =
          q % 2 == 0 ? SubgraphQuery.NO_ENDING_ARTIFACTS : a -> a.getId() % modulus == 0;
      Predicate<Execution> endE =
          q % 3 == 0 ? e -> e.getId() % modulus == 1 : SubgraphQuery.NO_ENDING_EXECUTIONS;
      boolean include = random.nextBoolean();
      SubgraphQuery query =
          SubgraphQuery.of(startA, startE, direction, hops).withEnding(endA, endE, include);

      Subgraph got = walker.walk(query);
      Reference want = reference(query, endA, endE);
      assertThat(keys(got)).as("nodes of %s", query).isEqualTo(want.nodes);
      assertThat(got.events().stream().map(GeneratedDagWalkTest::edge).collect(Collectors.toSet()))
          .as("events of %s", query)
          .isEqualTo(want.edges);
    }
  }

  private record Reference(Set<String> nodes, Set<String> edges) {}

  /** Breadth-first search on plain maps; ending nodes are reached but not expanded. */
  private Reference reference(
      SubgraphQuery q, Predicate<Artifact> endA, Predicate<Execution> endE) {
    Map<String, List<Event>> byNode = new HashMap<>();
    for (Event e : allEvents) {
      byNode.computeIfAbsent("a" + e.getArtifactId(), k -> new ArrayList<>()).add(e);
      byNode.computeIfAbsent("e" + e.getExecutionId(), k -> new ArrayList<>()).add(e);
    }
    Set<String> nodes = new HashSet<>();
    q.startArtifactIds().forEach(a -> nodes.add("a" + a));
    q.startExecutionIds().forEach(e -> nodes.add("e" + e));
    Set<String> excluded = new HashSet<>();
    Set<String> edges = new HashSet<>();
    List<String> frontier = new ArrayList<>(nodes);
    for (int hop = 0; hop < q.maxHops(); hop++) {
      List<String> next = new ArrayList<>();
      List<Event> crossed = new ArrayList<>();
      for (String node : frontier) {
        boolean fromArtifact = node.startsWith("a");
        for (Event e : byNode.getOrDefault(node, List.of())) {
          boolean output = e.getType() == Event.Type.OUTPUT;
          boolean upstream = fromArtifact == output;
          if (q.direction() != Direction.BOTH
              && (q.direction() == Direction.UPSTREAM) != upstream) {
            continue;
          }
          crossed.add(e);
          String other = fromArtifact ? "e" + e.getExecutionId() : "a" + e.getArtifactId();
          if (!nodes.contains(other) && !next.contains(other)) {
            next.add(other);
          }
        }
      }
      frontier = new ArrayList<>();
      for (String node : next) {
        boolean ending = isEnding(node, endA, endE);
        if (ending && !q.includeEndingNodes()) {
          excluded.add(node);
          continue;
        }
        nodes.add(node);
        if (!ending) {
          frontier.add(node);
        }
      }
      for (Event e : crossed) {
        if (nodes.contains("a" + e.getArtifactId()) && nodes.contains("e" + e.getExecutionId())) {
          edges.add(edge(e));
        }
      }
    }
    return new Reference(nodes, edges);
  }

  private boolean isEnding(String node, Predicate<Artifact> endA, Predicate<Execution> endE) {
    long id = Long.parseLong(node.substring(1));
    return node.startsWith("a")
        ? endA.test(store.getArtifactsByIds(NS, List.of(id)).get(0))
        : endE.test(store.getExecutionsByIds(NS, List.of(id)).get(0));
  }

  private static Set<String> keys(Subgraph g) {
    Set<String> out = new HashSet<>();
    g.artifacts().forEach(a -> out.add("a" + a.getId()));
    g.executions().forEach(e -> out.add("e" + e.getId()));
    return out;
  }

  private static String edge(Event e) {
    return e.getArtifactId() + "-" + e.getType() + "-" + e.getExecutionId();
  }
}

package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.ListOptions.OrderBy;
import dev.cairn.lineage.NodeFilters;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Execution;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random filters on a random graph: every listing (random order, direction and page size, read to
 * its end) and every single-node predicate must select exactly what the reference model selects.
 */
class FilterReferenceTest extends StoreFixture {
  static final String OTHER = "team-b";
  static final int FILTERS = 300;

  /** Filters whose answer was neither empty nor everything: the test is only as good as these. */
  private int partial;

  @Test
  void artifactFiltersMatchTheReference() {
    RandomLineage g = RandomLineage.build(store, NS, 7, 80);
    RandomLineage.build(store, OTHER, 8, 40);
    List<Artifact> all = store.getArtifactsByIds(NS, g.artifacts);
    List<RefNode> refs = all.stream().map(a -> RefNode.artifact(store, NS, a)).toList();
    Random random = new Random(42);
    RandomFilter gen = generator(random, g.artifacts, refs, RandomFilter.ARTIFACT_LEAVES);
    List<String> drivers =
        List.of(
            "type = 'Dataset'",
            "type IN ('Model', 'Nope')",
            "type_id = " + all.get(0).getTypeId(),
            "contexts_a.name = 'run-1'",
            "contexts_a.id = " + g.contexts.get(2),
            "id IN (" + g.artifacts.get(3) + ", " + g.artifacts.get(9) + ")");
    for (int i = 0; i < FILTERS; i++) {
      RandomFilter.Gen f = randomFilter(random, gen, drivers);
      if (f.text().contains("contexts_a.name = 'run-1' AND") && random.nextBoolean()) {
        f = gen.driven("contexts_a.type = 'Run'", f);
      }
      ListOptions options = randomOptions(random, f.text());
      check(f, options, refs, o -> store.listArtifacts(NS, o), Artifact::getId);
      Predicate<Artifact> p = store.artifactFilter(NS, f.text());
      assertThat(all.stream().filter(p).map(Artifact::getId).toList())
          .as("artifactFilter(%s)", f.text())
          .isEqualTo(expected(f, refs, ListOptions.defaults()));
      // The store-agnostic predicate, which reads neighbours through the interface, agrees.
      Predicate<Artifact> generic = NodeFilters.artifacts(store, NS, f.text());
      assertThat(all.stream().filter(generic).map(Artifact::getId).toList())
          .as("NodeFilters.artifacts(%s)", f.text())
          .isEqualTo(expected(f, refs, ListOptions.defaults()));
    }
  }

  @Test
  void executionFiltersMatchTheReference() {
    RandomLineage g = RandomLineage.build(store, NS, 11, 60);
    RandomLineage.build(store, OTHER, 12, 40);
    List<Execution> all = store.getExecutionsByIds(NS, g.executions);
    List<RefNode> refs = all.stream().map(e -> RefNode.execution(store, NS, e)).toList();
    Random random = new Random(43);
    RandomFilter gen = generator(random, g.artifacts, refs, RandomFilter.EXECUTION_LEAVES);
    List<String> drivers = List.of("type = 'Step'", "contexts_a.name = 'run-2'");
    for (int i = 0; i < FILTERS; i++) {
      RandomFilter.Gen f = randomFilter(random, gen, drivers);
      ListOptions options = randomOptions(random, f.text());
      check(f, options, refs, o -> store.listExecutions(NS, o), Execution::getId);
      Predicate<Execution> p = store.executionFilter(NS, f.text());
      assertThat(all.stream().filter(p).map(Execution::getId).toList())
          .as("executionFilter(%s)", f.text())
          .isEqualTo(expected(f, refs, ListOptions.defaults()));
      Predicate<Execution> generic = NodeFilters.executions(store, NS, f.text());
      assertThat(all.stream().filter(generic).map(Execution::getId).toList())
          .as("NodeFilters.executions(%s)", f.text())
          .isEqualTo(expected(f, refs, ListOptions.defaults()));
    }
  }

  @Test
  void contextFiltersMatchTheReference() {
    RandomLineage g = RandomLineage.build(store, NS, 13, 10);
    RandomLineage.build(store, OTHER, 14, 10);
    List<Context> all = store.getContextsByIds(NS, g.contexts);
    List<RefNode> refs = all.stream().map(c -> RefNode.contextWithFamily(store, NS, c)).toList();
    Random random = new Random(44);
    RandomFilter gen = generator(random, g.contexts, refs, RandomFilter.CONTEXT_LEAVES);
    List<String> drivers =
        List.of(
            "type = 'Run'",
            "parent_contexts_p.name = 'pipe-0'",
            "child_contexts_c.name = 'run-1'",
            "parent_contexts_p.id = " + g.contexts.get(5));
    for (int i = 0; i < FILTERS; i++) {
      RandomFilter.Gen f = randomFilter(random, gen, drivers);
      check(
          f, randomOptions(random, f.text()), refs, o -> store.listContexts(NS, o), Context::getId);
    }
  }

  @AfterEach
  void mostFiltersSelectSomeButNotAll() {
    assertThat(partial).as("filters with a partial answer").isGreaterThan(FILTERS / 4);
  }

  private static RandomFilter generator(
      Random random, List<Long> ids, List<RefNode> refs, List<String> leaves) {
    long min =
        refs.stream().mapToLong(r -> r.orderValue("create_time_since_epoch")).min().orElse(0);
    long max =
        refs.stream().mapToLong(r -> r.orderValue("last_update_time_since_epoch")).max().orElse(0);
    return RandomFilter.over(random, ids, min, max, leaves);
  }

  private static RandomFilter.Gen randomFilter(
      Random random, RandomFilter gen, List<String> drivers) {
    RandomFilter.Gen rest = gen.expression(3);
    return random.nextInt(3) == 0
        ? gen.driven(drivers.get(random.nextInt(drivers.size())), rest)
        : rest;
  }

  private static ListOptions randomOptions(Random random, String filter) {
    OrderBy order = OrderBy.values()[random.nextInt(3)];
    return new ListOptions(1 + random.nextInt(7), order, random.nextBoolean(), filter, null);
  }

  private <T> void check(
      RandomFilter.Gen f,
      ListOptions options,
      List<RefNode> refs,
      Function<ListOptions, dev.cairn.lineage.Page<T>> list,
      Function<T, Long> id) {
    List<Long> actual = Pages.all(list, options).stream().map(id).toList();
    if (!actual.isEmpty() && actual.size() < refs.size()) {
      partial++;
    }
    assertThat(actual)
        .as(
            "%s ordered by %s %s, pages of %d",
            f.text(),
            options.orderBy(),
            options.ascending() ? "asc" : "desc",
            options.maxResultSize())
        .isEqualTo(expected(f, refs, options));
  }

  /** The reference answer: matching nodes sorted by (order value, id) in the direction. */
  static List<Long> expected(RandomFilter.Gen f, List<RefNode> refs, ListOptions options) {
    String attribute =
        switch (options.orderBy()) {
          case ID -> "id";
          case CREATE_TIME -> "create_time_since_epoch";
          case LAST_UPDATE_TIME -> "last_update_time_since_epoch";
        };
    Comparator<RefNode> order =
        Comparator.<RefNode>comparingLong(r -> r.orderValue(attribute))
            .thenComparingLong(RefNode::id);
    return refs.stream()
        .filter(f::matches)
        .sorted(options.ascending() ? order : order.reversed())
        .map(RefNode::id)
        .toList();
  }
}

package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.filter.Filter;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which candidates each plan yields: an index where the filter allows, a full scan otherwise. */
class ScanPlannerTest extends StoreFixture {
  RandomLineage g;
  ReadView view;

  @BeforeEach
  void graph() {
    g = RandomLineage.build(store, NS, 3, 40);
    RandomLineage.build(store, "team-b", 4, 20);
    view = ((RocksLineageStore) store).readView();
  }

  @AfterEach
  void release() {
    view.close();
  }

  private List<Long> candidates(String filter, IdRange range) {
    Filter f = filter == null ? null : Filter.compile(ListableKind.ARTIFACTS.target(), filter);
    List<Long> out = new ArrayList<>();
    try (IdStream ids = ScanPlanner.plan(view, NS, ListableKind.ARTIFACTS, f).open(range)) {
      for (long id = ids.next(); id != IdStream.END; id = ids.next()) {
        out.add(id);
      }
    }
    return out;
  }

  private List<Long> candidates(String filter) {
    return candidates(filter, new IdRange(1, Long.MAX_VALUE, false));
  }

  private List<Long> where(java.util.function.Predicate<Artifact> p) {
    return store.getArtifactsByIds(NS, g.artifacts).stream()
        .filter(p)
        .map(Artifact::getId)
        .toList();
  }

  private List<Long> membersOf(java.util.function.Predicate<Context> p) {
    TreeSet<Long> out = new TreeSet<>();
    for (Context c : store.getContextsByIds(NS, g.contexts)) {
      if (p.test(c)) {
        store.getArtifactsByContext(NS, c.getId()).forEach(a -> out.add(a.getId()));
      }
    }
    return List.copyOf(out);
  }

  @Test
  void withoutAUsableConjunctEveryNodeIsACandidate() {
    assertThat(candidates(null)).isEqualTo(g.artifacts);
    assertThat(candidates("name = 'a-1'")).isEqualTo(g.artifacts);
    assertThat(candidates("type = 'Model' OR name = 'a-1'")).isEqualTo(g.artifacts);
    assertThat(candidates("NOT type = 'Model'")).isEqualTo(g.artifacts);
    assertThat(candidates("contexts_a.type = 'Run'")).isEqualTo(g.artifacts);
  }

  @Test
  void typeDrivesFromTheTypeIndexAcrossVersions() {
    assertThat(candidates("type = 'Model' AND name IS NOT NULL"))
        .isEqualTo(where(a -> a.getType().equals("Model")))
        .isNotEmpty();
    assertThat(candidates("type = 'Dataset'")).isEqualTo(where(a -> a.getType().equals("Dataset")));
    assertThat(where(a -> a.getType().equals("Dataset")).size())
        .as("both Dataset versions are present")
        .isGreaterThan(store.getArtifactsByType(NS, "Dataset").size());
    assertThat(candidates("type IN ('Model', 'Dataset')")).isEqualTo(g.artifacts);
    assertThat(candidates("type = 'Nope'")).isEmpty();
  }

  @Test
  void contextNameDrivesFromTheAttributionIndex() {
    assertThat(candidates("contexts_a.name = 'run-1'"))
        .isEqualTo(membersOf(c -> c.getName().equals("run-1")))
        .isNotEmpty();
    assertThat(candidates("contexts_a.name = 'run-1' AND contexts_a.type = 'Run'"))
        .isEqualTo(membersOf(c -> c.getName().equals("run-1") && c.getType().equals("Run")));
    assertThat(candidates("id > 3 AND contexts_a.id = " + g.contexts.get(0)))
        .isEqualTo(
            membersOf(c -> c.getId() == g.contexts.get(0)).stream().filter(id -> id > 3).toList());
    assertThat(candidates("contexts_a.name = 'nope'")).isEmpty();
  }

  @Test
  void idsAreTakenAsGiven() {
    assertThat(candidates("id IN (9, 3, 999) AND type = 'Model'")).containsExactly(3L, 9L, 999L);
  }

  @Test
  void idComparisonsNarrowWhateverIsWalked() {
    long lo = g.artifacts.get(5);
    long hi = g.artifacts.get(30);
    assertThat(candidates("id > " + lo + " AND id <= " + hi))
        .isEqualTo(g.artifacts.stream().filter(id -> id > lo && id <= hi).toList());
    assertThat(candidates("type = 'Model' AND id >= " + lo + " AND id < " + hi))
        .isEqualTo(where(a -> a.getType().equals("Model") && a.getId() >= lo && a.getId() < hi));
    assertThat(candidates("id > " + hi + " AND id < " + lo)).isEmpty();
    assertThat(candidates("id > 9223372036854775807")).isEmpty();
    assertThat(candidates("id < -9223372036854775808")).isEmpty();
    assertThat(candidates("id > 2.5 OR id < 3")).isEqualTo(g.artifacts);
  }

  @Test
  void candidatesRespectTheRangeAndItsDirection() {
    List<Long> all = candidates("contexts_a.name = 'run-1'");
    long lo = all.get(1);
    long hi = all.get(all.size() - 2);
    List<Long> expected = all.subList(1, all.size() - 1);
    assertThat(candidates("contexts_a.name = 'run-1'", new IdRange(lo, hi, false)))
        .isEqualTo(expected);
    List<Long> descending = new ArrayList<>(expected);
    java.util.Collections.reverse(descending);
    assertThat(candidates("contexts_a.name = 'run-1'", new IdRange(lo, hi, true)))
        .isEqualTo(descending);
    assertThat(candidates(null, new IdRange(lo, hi, true)))
        .isEqualTo(
            g.artifacts.stream()
                .filter(id -> id >= lo && id <= hi)
                .sorted((a, b) -> Long.compare(b, a))
                .toList());
  }
}

package dev.cairn.perf.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.pipeline.PipelineTypes;
import dev.cairn.lineage.rocks.HeapGraphOptions;
import dev.cairn.lineage.rocks.HeapGraphStats;
import dev.cairn.lineage.rocks.RocksLineageStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator and both loaders on a small graph: same nodes in both stores, same answers. */
class LineageBenchTest {
  private static final PipelineGraph.Shape SHAPE = new PipelineGraph.Shape(7, 3_000, 30, 3);

  @TempDir Path dir;

  @Test
  void theSameSeedGivesTheSameGraphWithinItsSize() {
    PipelineGraph.Totals totals = new PipelineGraph(SHAPE).totals();
    assertThat(new PipelineGraph(SHAPE).totals()).isEqualTo(totals);
    assertThat(totals.nodes()).isBetween(SHAPE.nodes() - 30, SHAPE.nodes());
    PipelineGraph.Run first = new PipelineGraph(SHAPE).runs().iterator().next();
    assertThat(first.steps()).hasSizeBetween(8, 12);
    assertThat(first.steps().get(1).inputs()[0]).isEqualTo(first.steps().get(0).output());
  }

  @Test
  void bothStoresHoldTheSameNodesAndAnswerAlike() throws Exception {
    PipelineGraph graph = new PipelineGraph(SHAPE);
    PipelineGraph.Totals totals = graph.totals();
    try (RocksLineageStore store = RocksLineageStore.open(dir.resolve("rocks"), Clock.systemUTC());
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mlmd.sqlite"))) {
      new RocksLoader(store, "ns").load(graph, new Progress("rocks", 0));
      SqliteLoader.createSchema(db);
      new SqliteLoader(db).load(graph, new Progress("sqlite", 0));

      long rocksNodes =
          store.getArtifactsByType("ns", PipelineTypes.SNAPSHOT).size()
              + store.getExecutionsByType("ns", PipelineTypes.STEP).size()
              + store.getContextsByType("ns", PipelineTypes.RUN).size()
              + store.getContextsByType("ns", PipelineTypes.PIPELINE).size();
      assertThat(rocksNodes).isEqualTo(totals.nodes());
      assertThat(count(db, "Artifact") + count(db, "Execution") + count(db, "Context"))
          .isEqualTo(totals.nodes());

      QuerySampler.StartPoints starts = LineageBench.startPoints(graph, totals.runs(), store, "ns");
      try (SqliteQueries queries = new SqliteQueries(db)) {
        for (int hops : new int[] {0, 3, 10, 30}) {
          // Throws if the stores disagree on any sample.
          QuerySampler.Results r =
              new QuerySampler(store, "ns", queries, starts, hops)
                  .sample(100, new SplittableRandom(hops));
          assertThat(r.meanUpstreamNodes()).isGreaterThanOrEqualTo(Math.min(hops + 1, 3));
        }
      }
    }
  }

  @Test
  void aBulkLoadThenASyncedSampleHoldsTheWholeGraph() throws Exception {
    PipelineGraph graph = new PipelineGraph(SHAPE);
    PipelineGraph.Totals totals = graph.totals();
    Path rocksDir = dir.resolve("rocks");
    int split = graph.firstOfLastRuns(100);
    RocksLoader.Part bulk;
    try (RocksLineageStore store = RocksLineageStore.openForBulkLoad(rocksDir, Clock.systemUTC())) {
      bulk = new RocksLoader(store, "ns").load(graph, 0, split, new Progress("rocks", 0));
    }
    RocksLoader.Part synced;
    try (RocksLineageStore store = RocksLineageStore.open(rocksDir, Clock.systemUTC())) {
      synced =
          new RocksLoader(store, "ns").load(graph, split, totals.runs(), new Progress("rocks", 0));
    }
    assertThat(synced.steps()).isBetween(100L, 111L);
    assertThat(bulk.runs() + synced.runs()).isEqualTo(totals.runs());
    assertThat(bulk.steps() + synced.steps()).isEqualTo(totals.steps());
    try (RocksLineageStore store = RocksLineageStore.open(rocksDir, Clock.systemUTC());
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mlmd.sqlite"))) {
      assertThat(store.getExecutionsByType("ns", PipelineTypes.STEP)).hasSize((int) totals.steps());
      SqliteLoader.createSchema(db);
      new SqliteLoader(db).load(graph, new Progress("sqlite", 0));
      QuerySampler.StartPoints starts = LineageBench.startPoints(graph, totals.runs(), store, "ns");
      try (SqliteQueries queries = new SqliteQueries(db)) {
        new QuerySampler(store, "ns", queries, starts, 10).sample(100, new SplittableRandom(5));
      }
    }
  }

  @Test
  void theStoreWithItsGraphInTheHeapAnswersAsSqlite() throws Exception {
    PipelineGraph graph = new PipelineGraph(SHAPE);
    PipelineGraph.Totals totals = graph.totals();
    Path rocksDir = dir.resolve("rocks");
    try (RocksLineageStore store = RocksLineageStore.open(rocksDir, Clock.systemUTC())) {
      new RocksLoader(store, "ns").load(graph, new Progress("rocks", 0));
    }
    try (RocksLineageStore store =
            RocksLineageStore.openInHeap(
                rocksDir, Clock.systemUTC(), new HeapGraphOptions(1 << 20));
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mlmd.sqlite"))) {
      SqliteLoader.createSchema(db);
      new SqliteLoader(db).load(graph, new Progress("sqlite", 0));
      QuerySampler.StartPoints starts = LineageBench.startPoints(graph, totals.runs(), store, "ns");
      try (SqliteQueries queries = new SqliteQueries(db)) {
        // A cache of 1 MiB holds about a thousand of the graph's 3,000 nodes: hits and misses.
        new QuerySampler(store, "ns", queries, starts, 10).sample(300, new SplittableRandom(3));
      }
      HeapGraphStats stats = store.heapGraphStats().orElseThrow();
      assertThat(stats.nodes()).isEqualTo(totals.nodes());
      assertThat(stats.cacheHits()).isPositive();
      assertThat(stats.cacheMisses()).isPositive();
    }
  }

  private static long count(Connection db, String table) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

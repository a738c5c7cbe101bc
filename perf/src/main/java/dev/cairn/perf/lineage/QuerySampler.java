package dev.cairn.perf.lineage;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Execution;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs both queries on both stores from the same random start points, times each call, and checks
 * that the two stores return the same nodes for every sample, warm-up included. Which store goes
 * first alternates from sample to sample.
 */
final class QuerySampler {
  /** Where each run starts its queries, in each store's ids, by run index. */
  record StartPoints(
      long[] rocksContexts, long[] rocksFinals, long[] sqliteContexts, long[] sqliteFinals) {}

  /** The latencies of one round, and the mean size of the answers. */
  record Results(
      Latencies rocksByContext,
      Latencies sqliteByContext,
      Latencies rocksUpstream,
      Latencies sqliteUpstream,
      double meanContextNodes,
      double meanUpstreamNodes) {}

  private final LineageStore store;
  private final String namespace;
  private final LineageWalker walker;
  private final SqliteQueries sqlite;
  private final StartPoints starts;
  private final int hops;

  QuerySampler(
      LineageStore store, String namespace, SqliteQueries sqlite, StartPoints starts, int hops) {
    this.store = store;
    this.namespace = namespace;
    this.walker = new LineageWalker(store, namespace);
    this.sqlite = sqlite;
    this.starts = starts;
    this.hops = hops;
  }

  /** Runs {@code samples} samples of each query from runs chosen by {@code rnd}. */
  Results sample(int samples, SplittableRandom rnd) throws SQLException {
    Results r =
        new Results(new Latencies(), new Latencies(), new Latencies(), new Latencies(), 0, 0);
    long contextNodes = 0;
    long upstreamNodes = 0;
    int runs = starts.rocksContexts().length;
    for (int i = 0; i < samples; i++) {
      boolean rocksFirst = i % 2 == 0;
      int run = rnd.nextInt(runs);
      contextNodes += byContext(run, rocksFirst, r);
      run = rnd.nextInt(runs);
      upstreamNodes += upstream(run, rocksFirst, r);
    }
    return new Results(
        r.rocksByContext(),
        r.sqliteByContext(),
        r.rocksUpstream(),
        r.sqliteUpstream(),
        (double) contextNodes / samples,
        (double) upstreamNodes / samples);
  }

  private int byContext(int run, boolean rocksFirst, Results into) throws SQLException {
    NodeSet rocks = null;
    NodeSet sql = null;
    for (int turn = 0; turn < 2; turn++) {
      if ((turn == 0) == rocksFirst) {
        long ctx = starts.rocksContexts()[run];
        long t0 = System.nanoTime();
        List<Artifact> artifacts = store.getArtifactsByContext(namespace, ctx);
        List<Execution> executions = store.getExecutionsByContext(namespace, ctx);
        into.rocksByContext().add(System.nanoTime() - t0);
        rocks = NodeSet.of(artifacts, executions);
      } else {
        long t0 = System.nanoTime();
        List<SqliteQueries.Node> rows = sqlite.byContext(starts.sqliteContexts()[run]);
        into.sqliteByContext().add(System.nanoTime() - t0);
        sql = NodeSet.ofRows(rows);
      }
    }
    return checkSame("artifacts and executions of run " + run, rocks, sql);
  }

  private int upstream(int run, boolean rocksFirst, Results into) throws SQLException {
    NodeSet rocks = null;
    NodeSet sql = null;
    for (int turn = 0; turn < 2; turn++) {
      if ((turn == 0) == rocksFirst) {
        List<Long> start = List.of(starts.rocksFinals()[run]);
        long t0 = System.nanoTime();
        Subgraph g = walker.walk(start, List.of(), LineageWalker.Direction.UPSTREAM, hops);
        into.rocksUpstream().add(System.nanoTime() - t0);
        rocks = NodeSet.of(g);
      } else {
        long t0 = System.nanoTime();
        List<SqliteQueries.Node> rows = sqlite.upstream(starts.sqliteFinals()[run], hops);
        into.sqliteUpstream().add(System.nanoTime() - t0);
        sql = NodeSet.ofRows(rows);
      }
    }
    return checkSame(hops + "-hop upstream of run " + run + "'s final artifact", rocks, sql);
  }

  private static int checkSame(String what, NodeSet rocks, NodeSet sql) {
    if (!rocks.equals(sql)) {
      throw new IllegalStateException(
          "Stores disagree on the " + what + ": RocksDB " + rocks + ", SQLite " + sql);
    }
    return rocks.size();
  }
}

package dev.cairn.perf.lineage;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.pipeline.PipelineTypes;
import dev.cairn.lineage.rocks.HeapGraphOptions;
import dev.cairn.lineage.rocks.RocksLineageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code LineageBench [--nodes N] [--samples N] [--warmup N] [--hops N] [--seed N] [--work DIR]
 * [--reuse] [--synced-sample STEPS | --synced-load]}: loads one generated pipeline-like graph into
 * RocksLineageStore (a putExecution per step, one writer, as {@code cairn step run} writes: most
 * into the store opened for a bulk load, then the last steps with every write synced, as a live
 * store writes them, which gives the per-step insert rate; all synced with {@code --synced-load})
 * and into SQLite with ML Metadata's tables (one batched transaction), then times
 * artifacts-and-executions-by-run-context and the upstream subgraph of a run's final artifact on
 * both, checks that both answer the same, and prints the numbers side by side. With {@code
 * --reuse}, stores that an earlier run loaded with the same graph are queried again instead of
 * loaded anew.
 */
public final class LineageBench {
  private static final String NAMESPACE = "bench";

  private LineageBench() {}

  /**
   * @param cacheMb the node cache of the in-heap graph in MiB; -1 for the default, a quarter of the
   *     heap
   * @param rocksOnly query the store without its graph in the heap, every read from RocksDB
   * @param syncedSample how many steps (whole runs, at least this many) to load last, with synced
   *     writes, after the bulk load of the rest; every step with {@code Long.MAX_VALUE}
   */
  record Options(
      Path work,
      long nodes,
      int samples,
      int warmup,
      int hops,
      long seed,
      boolean reuse,
      long cacheMb,
      boolean rocksOnly,
      long syncedSample) {
    HeapGraphOptions heapGraph() {
      return cacheMb < 0 ? HeapGraphOptions.defaults() : new HeapGraphOptions(cacheMb << 20);
    }

    static Options parse(String[] args) {
      Path work = Path.of("/tmp/cairn-lineage-bench");
      long nodes = 1_000_000;
      int samples = 20_000;
      int warmup = 5_000;
      int hops = 10;
      long seed = 42;
      boolean reuse = false;
      long cacheMb = -1;
      boolean rocksOnly = false;
      long syncedSample = 5_000;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--reuse")) {
          reuse = true;
          continue;
        }
        if (args[i].equals("--rocks-only")) {
          rocksOnly = true;
          continue;
        }
        if (args[i].equals("--synced-load")) {
          syncedSample = Long.MAX_VALUE;
          continue;
        }
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--work" -> work = Path.of(value);
          case "--nodes" -> nodes = Long.parseLong(value.replace("_", ""));
          case "--samples" -> samples = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--hops" -> hops = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--cache-mb" -> cacheMb = Long.parseLong(value);
          case "--synced-sample" -> syncedSample = positive("--synced-sample", value);
          default -> throw new IllegalArgumentException("Unknown option " + args[i]);
        }
        i++;
      }
      return new Options(
          work.toAbsolutePath(),
          nodes,
          samples,
          warmup,
          hops,
          seed,
          reuse,
          cacheMb,
          rocksOnly,
          syncedSample);
    }

    private static long positive(String option, String value) {
      long n = value == null ? 0 : Long.parseLong(value.replace("_", ""));
      if (n < 1) {
        throw new IllegalArgumentException(
            option + " needs a step count of at least 1, got " + value);
      }
      return n;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    PipelineGraph graph = new PipelineGraph(new PipelineGraph.Shape(o.seed(), o.nodes(), 300, 20));
    PipelineGraph.Totals totals = graph.totals();
    System.out.printf(
        "graph: %,d nodes (%,d runs of 8-12 steps = %,d executions, %,d artifacts, %,d contexts),"
            + " seed %d%n",
        totals.nodes(),
        totals.runs(),
        totals.steps(),
        totals.nodes() - totals.steps() - totals.runs() - graph.shape().pipelines(),
        totals.runs() + graph.shape().pipelines(),
        o.seed());
    Optional<LoadRecord> previous =
        o.reuse()
            ? LoadRecord.read(o.work(), totals.steps()).filter(r -> r.shape().equals(graph.shape()))
            : Optional.empty();
    if (previous.isEmpty()) {
      deleteTree(o.work());
      Files.createDirectories(o.work());
    }
    Path rocksDir = o.work().resolve("rocks");
    Path sqliteFile = o.work().resolve("mlmd.sqlite");
    LoadRecord load;
    if (previous.isPresent()) {
      load = previous.get();
      System.err.println("reusing the stores loaded earlier in " + o.work());
    } else {
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
        load = load(graph, totals, rocksDir, db, o.syncedSample());
      }
      load.write(o.work());
    }
    // Query stores opened afresh, as a new cairn process finds them: RocksDB has replayed its log
    // into table files, and neither store has anything cached but what the OS has (and what the
    // store reads into its heap graph at open, unless --rocks-only).
    Optional<HeapFootprint> footprint =
        o.rocksOnly() ? Optional.empty() : Optional.of(HeapFootprint.measure(rocksDir, o));
    long t0 = System.nanoTime();
    try (RocksLineageStore store =
        o.rocksOnly()
            ? RocksLineageStore.open(rocksDir, Clock.systemUTC())
            : RocksLineageStore.openInHeap(rocksDir, Clock.systemUTC(), o.heapGraph())) {
      double rocksOpen = (System.nanoTime() - t0) / 1e9;
      QuerySampler.StartPoints starts = startPoints(graph, totals.runs(), store, NAMESPACE);
      QuerySampler.Results results;
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
          SqliteQueries queries = new SqliteQueries(db)) {
        QuerySampler sampler = new QuerySampler(store, NAMESPACE, queries, starts, o.hops());
        System.err.printf("warming up (%,d samples) ...%n", o.warmup());
        SplittableRandom rnd = new SplittableRandom(o.seed() + 1);
        sampler.sample(o.warmup(), rnd);
        System.err.printf("measuring (%,d samples) ...%n", o.samples());
        results = sampler.sample(o.samples(), rnd);
      }
      new Report(o, totals, load, previous.isPresent())
          .print(rocksOpen, size(rocksDir), size(sqliteFile), results);
      new Report.Heap(footprint, store.heapGraphStats()).print();
    }
  }

  /**
   * Loads all but the last {@code syncedSample} steps (whole runs) into the store opened for a bulk
   * load, timed up to its close, then the rest into it opened as a live store, every write synced:
   * by then the JVM is warm and the store holds the graph, as a store in use would.
   */
  private static LoadRecord load(
      PipelineGraph graph,
      PipelineGraph.Totals totals,
      Path rocksDir,
      Connection db,
      long syncedSample)
      throws SQLException {
    Progress progress = new Progress("rocks", totals.steps());
    int split = graph.firstOfLastRuns(syncedSample);
    RocksLoader.Part bulk = new RocksLoader.Part(0, 0, 0);
    double bulkSecs = 0;
    if (split > 0) {
      System.err.printf("bulk-loading %,d runs into RocksLineageStore ...%n", split);
      long t0 = System.nanoTime();
      try (RocksLineageStore store =
          RocksLineageStore.openForBulkLoad(rocksDir, Clock.systemUTC())) {
        bulk = new RocksLoader(store, NAMESPACE).load(graph, 0, split, progress);
      }
      bulkSecs = (System.nanoTime() - t0) / 1e9;
    }
    System.err.printf(
        "loading the other %,d runs into RocksLineageStore, every write synced ...%n",
        totals.runs() - split);
    RocksLoader.Part synced;
    double syncedSecs;
    try (RocksLineageStore store = RocksLineageStore.open(rocksDir, Clock.systemUTC())) {
      long t0 = System.nanoTime();
      synced = new RocksLoader(store, NAMESPACE).load(graph, split, totals.runs(), progress);
      syncedSecs = (System.nanoTime() - t0) / 1e9;
    }

    System.err.println("loading SQLite ...");
    SqliteLoader.createSchema(db);
    long t0 = System.nanoTime();
    new SqliteLoader(db).load(graph, new Progress("sqlite", totals.steps()));
    double sqliteSecs = (System.nanoTime() - t0) / 1e9;
    return new LoadRecord(
        graph.shape(),
        synced.steps(),
        syncedSecs,
        bulk.steps(),
        bulkSecs,
        sqliteSecs,
        synced.writeCalls() + bulk.writeCalls());
  }

  /**
   * Each run's context and final artifact: in SQLite the graph's own ids, in RocksDB the ids the
   * store gave them, looked up by run name and snapshot uri.
   */
  static QuerySampler.StartPoints startPoints(
      PipelineGraph graph, int runs, LineageStore store, String namespace) {
    long[] rocksContexts = new long[runs];
    long[] rocksFinals = new long[runs];
    long[] sqliteContexts = new long[runs];
    long[] sqliteFinals = new long[runs];
    for (PipelineGraph.Run run : graph.runs()) {
      int i = run.index();
      rocksContexts[i] =
          store
              .findContextByTypeAndName(namespace, PipelineTypes.RUN, run.name())
              .orElseThrow()
              .getId();
      rocksFinals[i] =
          store.getArtifactsByUri(namespace, graph.uri(run.last().output())).get(0).getId();
      sqliteContexts[i] = run.contextId();
      sqliteFinals[i] = run.last().output();
    }
    return new QuerySampler.StartPoints(rocksContexts, rocksFinals, sqliteContexts, sqliteFinals);
  }

  static long size(Path path) throws IOException {
    try (Stream<Path> s = Files.walk(path)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}

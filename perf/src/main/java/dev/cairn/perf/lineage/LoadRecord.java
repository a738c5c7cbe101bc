package dev.cairn.perf.lineage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a finished load wrote into the work directory, so that {@code --reuse} can query the same
 * stores again (profiling the queries, say) without loading them for minutes first.
 *
 * @param syncedSteps steps loaded into RocksDB with one synced write per step (all, or a sample)
 * @param syncedSecs how long they took
 * @param bulkSteps the steps loaded before them into the store opened for a bulk load (0 if none)
 * @param bulkSecs how long those took, from opening the store to its close, whose flush and sync
 *     make them durable
 */
record LoadRecord(
    PipelineGraph.Shape shape,
    long syncedSteps,
    double syncedSecs,
    long bulkSteps,
    double bulkSecs,
    double sqliteSecs,
    long writeCalls) {
  private static final String FILE = "loaded.properties";

  double rocksSecs() {
    return syncedSecs + bulkSecs;
  }

  /**
   * The record in {@code work}, if any; {@code steps} is the graph's step count, which a record
   * written before bulk loads existed loaded all synced.
   */
  static Optional<LoadRecord> read(Path work, long steps) throws IOException {
    Path file = work.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    PipelineGraph.Shape shape =
        new PipelineGraph.Shape(
            Long.parseLong(p.getProperty("seed")),
            Long.parseLong(p.getProperty("nodes")),
            Integer.parseInt(p.getProperty("sources")),
            Integer.parseInt(p.getProperty("pipelines")));
    boolean split = p.getProperty("rocks.synced.seconds") != null;
    return Optional.of(
        new LoadRecord(
            shape,
            split ? Long.parseLong(p.getProperty("rocks.synced.steps")) : steps,
            Double.parseDouble(p.getProperty(split ? "rocks.synced.seconds" : "rocks.seconds")),
            split ? Long.parseLong(p.getProperty("rocks.bulk.steps")) : 0,
            split ? Double.parseDouble(p.getProperty("rocks.bulk.seconds")) : 0,
            Double.parseDouble(p.getProperty("sqlite.seconds")),
            Long.parseLong(p.getProperty("rocks.write.calls"))));
  }

  /** Written last, so a load that died half way leaves no record. */
  void write(Path work) throws IOException {
    Properties p = new Properties();
    p.setProperty("seed", Long.toString(shape.seed()));
    p.setProperty("nodes", Long.toString(shape.nodes()));
    p.setProperty("sources", Integer.toString(shape.sources()));
    p.setProperty("pipelines", Integer.toString(shape.pipelines()));
    p.setProperty("rocks.synced.steps", Long.toString(syncedSteps));
    p.setProperty("rocks.synced.seconds", Double.toString(syncedSecs));
    p.setProperty("rocks.bulk.steps", Long.toString(bulkSteps));
    p.setProperty("rocks.bulk.seconds", Double.toString(bulkSecs));
    p.setProperty("sqlite.seconds", Double.toString(sqliteSecs));
    p.setProperty("rocks.write.calls", Long.toString(writeCalls));
    try (Writer w = Files.newBufferedWriter(work.resolve(FILE))) {
      p.store(w, "a finished lineage-bench load");
    }
  }
}

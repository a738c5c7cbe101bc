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
 */
record LoadRecord(PipelineGraph.Shape shape, double rocksSecs, double sqliteSecs, long writeCalls) {
  private static final String FILE = "loaded.properties";

  static Optional<LoadRecord> read(Path work) throws IOException {
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
    return Optional.of(
        new LoadRecord(
            shape,
            Double.parseDouble(p.getProperty("rocks.seconds")),
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
    p.setProperty("rocks.seconds", Double.toString(rocksSecs));
    p.setProperty("sqlite.seconds", Double.toString(sqliteSecs));
    p.setProperty("rocks.write.calls", Long.toString(writeCalls));
    try (Writer w = Files.newBufferedWriter(work.resolve(FILE))) {
      p.store(w, "a finished lineage-bench load");
    }
  }
}

package dev.cairn.cli;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.pipeline.Provenance;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "provenance",
    description = "Which step produced a snapshot, from which inputs, back to the sources.")
final class ProvenanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix or NS/REF.")
  String snapshot;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Lineage namespace (default ${DEFAULT-VALUE}).")
  String namespace = "default";

  @Option(
      names = "--hops",
      paramLabel = "N",
      description = "How many steps back (default ${DEFAULT-VALUE}, at most 100).")
  int hops = 20;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (hops < 0 || hops > 100) {
      throw new dev.cairn.store.InvalidArgumentException(
          "Invalid --hops " + hops + ": use 0 to 100");
    }
    String id = SnapshotResolver.resolve(snapshot, namespace);
    try (LineageStore lineage = LineageLocator.open()) {
      List<Provenance.Link> links = new Provenance(lineage, namespace).of(id, hops);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, links);
      } else {
        for (Provenance.Link l : links) {
          String indent = "  ".repeat(l.depth());
          if (l.step().isEmpty()) {
            out.printf(
                "%s%s  (source: no recorded step wrote it)%n",
                indent, l.snapshot().substring(0, 12));
          } else {
            out.printf(
                "%s%s  written by step %s of run %s (%s) from %s%n",
                indent,
                l.snapshot().substring(0, 12),
                l.step(),
                l.run(),
                l.state(),
                l.inputs().stream().map(s -> s.substring(0, 12)).toList());
          }
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

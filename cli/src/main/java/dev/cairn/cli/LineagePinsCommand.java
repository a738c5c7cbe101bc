package dev.cairn.cli;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.SnapshotPin;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "pins",
    description =
        "Snapshots that live lineage artifacts refer to, in every namespace: GC keeps them.")
final class LineagePinsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (LineageStore lineage = LineageLocator.open()) {
      List<SnapshotPin> pins = lineage.snapshotPins();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, pins);
      } else {
        pins.forEach(
            p ->
                out.printf("%s  %s  artifact:%d%n", p.snapshotId(), p.namespace(), p.artifactId()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

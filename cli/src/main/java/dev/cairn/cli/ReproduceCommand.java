package dev.cairn.cli;

import dev.cairn.cli.steps.RerunScript;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.pipeline.RunQueries;
import dev.cairn.lineage.pipeline.StepRecord;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "reproduce",
    description = {
      "Set up the step that produced a snapshot to run again: its inputs restored bit for bit",
      "into TARGET/inputs/<name>, empty TARGET/outputs/<name>, the record in TARGET/step.json",
      "and TARGET/rerun.sh, which runs the recorded command line with the same environment."
    })
final class ReproduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, prefix or NS/REF.")
  String snapshot;

  @Parameters(index = "1", paramLabel = "TARGET", description = "A new or empty directory.")
  Path target;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Lineage namespace (default ${DEFAULT-VALUE}).")
  String namespace = "default";

  @Override
  public Integer call() throws Exception {
    PortRestorer.requireEmpty(target);
    try (Repository repo = RepoLocator.openReadOnly()) {
      ObjectId id = repo.resolve(snapshot);
      StepRecord step;
      try (LineageStore lineage = LineageLocator.open()) {
        step =
            new RunQueries(lineage, namespace)
                .producer(id.toString())
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            "Cannot reproduce snapshot "
                                + id.toString().substring(0, 12)
                                + ": no recorded step in namespace "
                                + namespace
                                + " wrote it (it is a source)"));
      }
      if (step.argv().isEmpty()) {
        throw new NotFoundException(
            "Cannot reproduce snapshot "
                + id.toString().substring(0, 12)
                + ": step "
                + step.step()
                + " has no recorded command line");
      }
      PrintWriter out = spec.commandLine().getOut();
      PortRestorer.restore(repo, step.inputs(), target.resolve("inputs"), out);
      Map<String, String> inputDirs = dirs(step.inputs());
      Map<String, String> outputDirs = dirs(step.outputs());
      for (String dir : outputDirs.values()) {
        Files.createDirectories(target.resolve("outputs").resolve(dir));
      }
      try (PrintWriter json =
          new PrintWriter(
              Files.newBufferedWriter(target.resolve("step.json"), StandardCharsets.UTF_8))) {
        Output.json(json, step);
      }
      Path script = target.resolve("rerun.sh");
      Files.writeString(script, RerunScript.render(step, inputDirs, outputDirs));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      out.printf(
          "Step %s of run %s (%s, exit %d) wrote %s.%nRun it again with: %s%n",
          step.step(),
          step.run(),
          step.state(),
          step.exitCode(),
          id.toString().substring(0, 12),
          script);
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static Map<String, String> dirs(Map<String, String> ports) {
    Map<String, String> out = new TreeMap<>();
    ports.keySet().forEach(p -> out.put(p, PortRestorer.safe(p)));
    return out;
  }
}

package dev.cairn.cli;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.pipeline.RunQueries;
import dev.cairn.lineage.pipeline.StepRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = "Pipeline runs recorded by 'cairn step run'.",
    subcommands = {RunCommand.ListRuns.class, RunCommand.Show.class, RunCommand.Restore.class})
final class RunCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: list or show");
  }

  @Command(name = "list", description = "List runs.")
  static final class ListRuns implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (LineageStore lineage = LineageLocator.open()) {
        List<RunQueries.RunSummary> runs = new RunQueries(lineage, namespace).runs();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Output.json(out, runs);
        } else {
          runs.forEach(
              r ->
                  out.printf(
                      "%-32s %3d steps  %s%n",
                      r.run(),
                      r.steps(),
                      Output.time(java.time.Instant.ofEpochMilli(r.createdMillis()))));
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "restore",
      description = {
        "Restore exactly what a run saw and made: every step's inputs and outputs, bit for bit,",
        "into TARGET/<step>/inputs/<name> and TARGET/<step>/outputs/<name>."
      })
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Parameters(index = "1", paramLabel = "TARGET", description = "A new or empty directory.")
    java.nio.file.Path target;

    @Option(names = "--step", paramLabel = "S", description = "Only this step.")
    String step;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Override
    public Integer call() throws Exception {
      List<StepRecord> steps;
      try (LineageStore lineage = LineageLocator.open()) {
        steps = new RunQueries(lineage, namespace).steps(run);
      }
      if (step != null) {
        steps = steps.stream().filter(s -> s.step().equals(step)).toList();
        if (steps.isEmpty()) {
          throw new dev.cairn.store.NotFoundException("Run " + run + " has no step " + step);
        }
      }
      PortRestorer.requireEmpty(target);
      PrintWriter out = spec.commandLine().getOut();
      try (dev.cairn.store.Repository repo = RepoLocator.openReadOnly()) {
        for (StepRecord s : steps) {
          java.nio.file.Path dir = target.resolve(PortRestorer.safe(s.step()));
          PortRestorer.restore(repo, s.inputs(), dir.resolve("inputs"), out);
          PortRestorer.restore(repo, s.outputs(), dir.resolve("outputs"), out);
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      description = "A run's steps in order, with the snapshots each read and wrote.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String run;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (LineageStore lineage = LineageLocator.open()) {
        List<StepRecord> steps = new RunQueries(lineage, namespace).steps(run);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Output.json(out, steps);
        } else {
          for (StepRecord s : steps) {
            out.printf("%s  %s (exit %d)%n", s.step(), s.state(), s.exitCode());
            s.inputs().forEach((k, v) -> out.printf("  input  %-16s %s%n", k, v));
            s.outputs().forEach((k, v) -> out.printf("  output %-16s %s%n", k, v));
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}

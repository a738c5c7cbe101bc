package dev.cairn.cli;

import dev.cairn.cli.steps.StepRunner;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.pipeline.StepRecord;
import dev.cairn.store.Namespaces;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "step",
    description = "Pipeline steps recorded with their exact input and output snapshots.",
    subcommands = {StepCommand.Run.class})
final class StepCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: run");
  }

  @Command(
      name = "run",
      description = {
        "Snapshot the inputs, run CMD, snapshot the outputs, and record the step in lineage.",
        "CMD sees CAIRN_INPUT_<NAME> and CAIRN_OUTPUT_<NAME> (directories), CAIRN_RUN and CAIRN_STEP.",
        "An input given as a snapshot id or NAMESPACE/REF is restored for CMD first.",
        "Exits with CMD's exit code; a failed step is recorded as FAILED."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--run",
        required = true,
        paramLabel = "RUN",
        description = "The pipeline run this step belongs to.")
    String run;

    @Option(
        names = "--pipeline",
        paramLabel = "P",
        description = "The pipeline the run belongs to.")
    String pipeline = "";

    @Option(
        names = "--step",
        required = true,
        paramLabel = "NAME",
        description = "The step's name.")
    String step;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Namespace of snapshots and lineage (default ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Option(
        names = "--input",
        paramLabel = "NAME=PATH|SNAPSHOT",
        description = "An input (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(
        names = "--output",
        paramLabel = "NAME=PATH",
        description = "An output directory (repeatable).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--json", description = "Print the recorded step as JSON.")
    boolean json;

    @Parameters(
        paramLabel = "CMD",
        arity = "1..*",
        description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      Namespaces.validate(namespace);
      Path scratch = Files.createTempDirectory("cairn-step-");
      List<StepRunner.Binding> in =
          inputs.stream().map(i -> StepRunner.Binding.parse(i, "--input")).toList();
      List<StepRunner.Binding> outs =
          outputs.stream().map(o -> StepRunner.Binding.parse(o, "--output")).toList();
      StepRunner runner = new StepRunner(namespace);
      StepRecord r;
      try {
        StepRunner.Prepared prepared;
        try (Repository repo = RepoLocator.open()) {
          prepared = runner.prepare(repo, run, step, in, outs, scratch);
        }
        int exit = StepRunner.execute(command, prepared);
        try (Repository repo = RepoLocator.open();
            LineageStore lineage = LineageLocator.open()) {
          r = runner.finish(repo, lineage, run, pipeline, step, prepared, outs, command, exit);
        }
      } finally {
        StepRunner.deleteScratch(scratch);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, r);
      } else {
        out.printf(
            "step %s of run %s: %s (exit %d), execution %d%n",
            r.step(), r.run(), r.state(), r.exitCode(), r.executionId());
        r.inputs().forEach((k, v) -> out.printf("  input  %-16s %s%n", k, v));
        r.outputs().forEach((k, v) -> out.printf("  output %-16s %s%n", k, v));
      }
      out.flush();
      return (int) r.exitCode();
    }
  }
}

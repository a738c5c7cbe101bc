package dev.cairn.cli;

import dev.cairn.gc.RetentionPlanner;
import dev.cairn.gc.RetentionReport;
import dev.cairn.gc.RootSet;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    description =
        "Dry run: which snapshots retention would expire now, and why every other one is kept."
            + " Changes nothing; 'cairn gc' deletes.")
final class RetentionPlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly();
        PinSources pins = PinSources.open()) {
      RetentionReport report =
          new RetentionPlanner(RetentionCommand::policies)
              .report(repo, RootSet.collect(repo, pins.roots()));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, report);
        return ExitCodes.OK;
      }
      for (RetentionReport.Verdict v : report.snapshots()) {
        out.printf(
            "%-6s  %-12s  %-19s  %-24s  %s%n",
            v.expired() ? "expire" : "keep",
            v.snapshot().toShortString(),
            Output.time(v.createdAt()),
            v.refs().stream().map(RefName::toString).collect(Collectors.joining(",")),
            String.join("; ", v.reasons()));
      }
      out.printf(
          "%d to expire, %d kept (dry run: nothing was deleted)%n",
          report.expired().size(), report.kept().size());
      out.flush();
      return ExitCodes.OK;
    }
  }
}

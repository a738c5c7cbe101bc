package dev.cairn.cli;

import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    description = "List snapshots: all, one namespace's, or a ref's history (newest first).")
final class SnapshotListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--ref",
      paramLabel = "NS/NAME",
      description = "Show this ref's snapshot and its ancestors.")
  String ref;

  @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace.")
  String namespace;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly()) {
      List<Snapshot> snapshots =
          ref != null
              ? repo.history(RefName.parse(ref))
              : repo.listSnapshots(Optional.ofNullable(namespace));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, snapshots);
        return ExitCodes.OK;
      }
      out.printf(
          "%-12s  %-19s  %-8s  %-16s  %8s  %10s  %s%n",
          "ID", "CREATED", "KIND", "NAMESPACE", "FILES", "SIZE", "MESSAGE");
      for (Snapshot s : snapshots) {
        out.printf(
            "%-12s  %-19s  %-8s  %-16s  %8d  %10s  %s%n",
            s.id().toShortString(),
            Output.time(s.createdAt()),
            s.kind().label(),
            s.namespace(),
            s.totalFiles(),
            Output.bytes(s.totalBytes()),
            s.message());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

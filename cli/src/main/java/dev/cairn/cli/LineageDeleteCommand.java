package dev.cairn.cli;

import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    description = {
      "Delete a lineage node. By default it is removed only if no event or link refers to it;",
      "--cascade removes those too (never other nodes); --soft marks an artifact DELETED, which",
      "keeps its lineage and unpins its snapshot. --dry-run reports what refers to it.",
      "ID: artifact:N, execution:N, context:N, or a snapshot id, prefix or NS/REF."
    })
final class LineageDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID")
  String id;

  @ArgGroup(exclusive = true)
  Mode mode;

  static final class Mode {
    @Option(names = "--cascade", description = "Also remove the events and links to it.")
    boolean cascade;

    @Option(names = "--soft", description = "Mark an artifact DELETED instead.")
    boolean soft;
  }

  @Option(names = "--dry-run", description = "Only report what refers to it.")
  boolean dryRun;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Lineage namespace (default ${DEFAULT-VALUE}).")
  String namespace = "default";

  @Option(names = "--json", description = "Print what refers to it as JSON.")
  boolean json;

  @Override
  public Integer call() {
    DeleteMode how =
        mode == null ? DeleteMode.HARD : mode.cascade ? DeleteMode.CASCADE : DeleteMode.SOFT;
    try (LineageStore lineage = LineageLocator.open()) {
      LineageNodeRef node = LineageNodeRef.resolve(id, lineage, namespace);
      Dependents dependents = dryRun ? dependents(lineage, node) : delete(lineage, node, how);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, new Report(node.toString(), dryRun ? "none" : how.name(), dependents));
      } else {
        String verb =
            dryRun ? "Would break" : how == DeleteMode.SOFT ? "Marked DELETED; kept" : "Removed";
        out.printf("%s %s: %s%n", verb, node, dependents.describe());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  record Report(String node, String mode, Dependents dependents) {}

  private Dependents dependents(LineageStore lineage, LineageNodeRef node) {
    return switch (node.kind()) {
      case ARTIFACT -> lineage.dependentsOfArtifact(namespace, node.id());
      case EXECUTION -> lineage.dependentsOfExecution(namespace, node.id());
      case CONTEXT -> lineage.dependentsOfContext(namespace, node.id());
    };
  }

  private Dependents delete(LineageStore lineage, LineageNodeRef node, DeleteMode how) {
    return switch (node.kind()) {
      case ARTIFACT -> lineage.deleteArtifact(namespace, node.id(), how);
      case EXECUTION -> lineage.deleteExecution(namespace, node.id(), how);
      case CONTEXT -> lineage.deleteContext(namespace, node.id(), how);
    };
  }
}

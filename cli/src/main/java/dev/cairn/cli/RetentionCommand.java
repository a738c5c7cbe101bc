package dev.cairn.cli;

import dev.cairn.gc.RetentionPolicies;
import picocli.CommandLine.Command;

@Command(
    name = "retention",
    description = {
      "Per-ref retention policies: which snapshots of a ref's history GC keeps.",
      "A snapshot is kept if any rule of any ref whose history holds it keeps it; a ref"
          + " without a policy keeps everything; refs, tags and lineage pins always hold.",
    },
    subcommands = {
      RetentionSetCommand.class,
      RetentionShowCommand.class,
      RetentionClearCommand.class,
      RetentionPlanCommand.class
    })
final class RetentionCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: set, show, clear or plan");
  }

  /** One policy as the text commands print it. */
  static String describe(RetentionPolicies.Stored s) {
    return s.ref() + ": " + s.policy().describe() + " (version " + s.version() + ")";
  }
}

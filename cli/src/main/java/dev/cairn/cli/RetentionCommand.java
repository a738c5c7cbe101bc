package dev.cairn.cli;

import dev.cairn.api.client.RemoteRepository;
import dev.cairn.api.client.RemoteRetentionPolicies;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.store.Repository;
import picocli.CommandLine.Command;

@Command(
    name = "retention",
    description = {
      "Per-ref retention policies: which snapshots of a ref's history GC keeps.",
      "A snapshot is kept if any rule of any ref whose history holds it keeps it; a ref"
          + " without a policy keeps everything; refs, tags and lineage pins always hold.",
      "With --server they are the server's (changing one takes an admin token).",
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

  /**
   * The policies of {@code repo}: through the server's retention routes with {@code --server}, else
   * stored in the repository itself.
   */
  static RetentionPolicies policies(Repository repo) {
    if (repo instanceof RemoteRepository) {
      return new RemoteRetentionPolicies(RemoteLocator.client().orElseThrow());
    }
    return RetentionPolicies.of(repo);
  }

  /** One policy as the text commands print it. */
  static String describe(RetentionPolicies.Stored s) {
    return s.ref() + ": " + s.policy().describe() + " (version " + s.version() + ")";
  }
}

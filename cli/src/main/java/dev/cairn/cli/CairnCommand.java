package dev.cairn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code cairn} command. */
@Command(
    name = "cairn",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Versioned, content-addressed snapshots of datasets, models, code and volumes.",
    subcommands = {
      InitCommand.class,
      SnapshotCommand.class,
      LsCommand.class,
      CatCommand.class,
      RestoreCommand.class,
      DiffCommand.class,
      RefCommand.class,
      TagCommand.class,
      CheckCommand.class,
      CsiCommand.class,
      DemoCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage error, 3 conflict, 4 not found, 5 corruption found."
    })
final class CairnCommand implements Runnable {
  @Option(
      names = "--repo",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Repository directory (default: $CAIRN_REPO).")
  void setRepo(Path repo) {
    RepoLocator.set(repo);
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command");
  }
}

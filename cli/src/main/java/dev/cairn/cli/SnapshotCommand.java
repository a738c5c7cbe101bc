package dev.cairn.cli;

import picocli.CommandLine.Command;

@Command(
    name = "snapshot",
    description = "Create, list, show and delete snapshots.",
    subcommands = {
      SnapshotCreateCommand.class,
      SnapshotListCommand.class,
      SnapshotShowCommand.class,
      SnapshotDeleteCommand.class
    })
final class SnapshotCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: create, list, show or delete");
  }
}

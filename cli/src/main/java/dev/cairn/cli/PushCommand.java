package dev.cairn.cli;

import dev.cairn.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "push",
    description = {
      "Copy a snapshot (and with --history its ancestors) to another repository, sending only the"
          + " blobs it lacks. The snapshot keeps its id. Rerun an interrupted push to resume it.",
      "A REF moves the same-named ref there if that is a fast-forward; --force moves it anyway."
    })
final class PushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TransferArgs args;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REPO",
      description = "Destination: a directory, s3://BUCKET/PREFIX or a server http(s)://URL.")
  String to;

  @Override
  public Integer call() {
    try (Repository source = RepoLocator.openReadOnly();
        Repository destination = RepoLocator.openPeer(to, true)) {
      return SnapshotCopy.run("push", source, destination, args, spec.commandLine().getOut());
    }
  }
}

package dev.cairn.cli;

import dev.cairn.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "pull",
    description = {
      "Copy a snapshot (and with --history its ancestors) from another repository into this one,"
          + " fetching only the blobs this one lacks. The snapshot keeps its id. Rerun an"
          + " interrupted pull to resume it.",
      "A REF moves the same-named ref here if that is a fast-forward; --force moves it anyway."
    })
final class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TransferArgs args;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "REPO",
      description = "Source: a directory, s3://BUCKET/PREFIX or a server http(s)://URL.")
  String from;

  @Override
  public Integer call() {
    try (Repository source = RepoLocator.openPeer(from, false);
        Repository destination = RepoLocator.open()) {
      return SnapshotCopy.run("pull", source, destination, args, spec.commandLine().getOut());
    }
  }
}

package dev.cairn.cli;

import dev.cairn.store.Entry;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.Repository;
import dev.cairn.store.RestoreResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "restore",
    description = "Restore a snapshot, bit for bit, into a new or empty directory.")
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "Snapshot id, unique prefix or NS/REF.")
  String id;

  @Parameters(
      index = "1",
      paramLabel = "TARGET",
      description = "Where to restore; must not exist or be empty.")
  Path target;

  @Option(
      names = "--path",
      paramLabel = "P",
      defaultValue = "",
      description = "Restore only this file or directory of the snapshot.")
  String path;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly()) {
      ObjectId snapshot = repo.resolve(id);
      Entry root = repo.stat(snapshot, path);
      Progress progress = ConsoleProgress.forTotals("restore", root.size(), root.fileCount());
      RestoreResult r;
      try {
        r = repo.restore(snapshot, path, target, progress);
      } finally {
        ConsoleProgress.close(progress);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, r);
      } else {
        out.printf(
            "restored snapshot %s%s to %s: %d files, %d directories, %d symlinks, %s%n",
            snapshot.toShortString(),
            path.isEmpty() ? "" : " path " + path,
            target,
            r.files(),
            r.directories(),
            r.symlinks(),
            Output.bytes(r.bytes()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

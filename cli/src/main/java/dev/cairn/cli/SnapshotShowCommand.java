package dev.cairn.cli;

import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show one snapshot's record.")
final class SnapshotShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "Snapshot id, unique prefix (8+ hex digits) or NS/REF.")
  String id;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly()) {
      Snapshot s = repo.loadSnapshot(repo.resolve(id));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, s);
        return ExitCodes.OK;
      }
      out.println("snapshot  " + s.id());
      out.println("tree      " + s.rootTree());
      s.parents().forEach(p -> out.println("parent    " + p));
      out.println("kind      " + s.kind().label());
      out.println("namespace " + s.namespace());
      out.println("source    " + s.source());
      out.println("creator   " + s.creator());
      out.println("created   " + s.createdAt());
      out.println("files     " + s.totalFiles());
      out.println("bytes     " + s.totalBytes() + " (" + Output.bytes(s.totalBytes()) + ")");
      s.labels().forEach((k, v) -> out.println("label     " + k + "=" + v));
      if (!s.message().isEmpty()) {
        out.println();
        out.println("    " + s.message());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

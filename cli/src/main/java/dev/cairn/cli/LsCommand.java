package dev.cairn.cli;

import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", description = "List a directory (or show a file) inside a snapshot.")
final class LsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "Snapshot id, unique prefix or NS/REF.")
  String id;

  @Parameters(
      index = "1",
      paramLabel = "PATH",
      defaultValue = "",
      description = "Path inside the snapshot (default: the root).")
  String path;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly()) {
      List<Entry> entries = repo.list(repo.resolve(id), path);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, entries);
        return ExitCodes.OK;
      }
      for (Entry e : entries) {
        String name =
            e.type() == EntryType.DIR
                ? e.name() + "/"
                : e.type() == EntryType.SYMLINK ? e.name() + " -> " + e.symlinkTarget() : e.name();
        out.printf(
            "%s  %10s  %s  %s%n",
            Output.mode(e.mode(), e.type().name()),
            Output.bytes(e.size()),
            Output.time(e.mtime()),
            name);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

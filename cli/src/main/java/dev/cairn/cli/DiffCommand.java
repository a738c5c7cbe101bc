package dev.cairn.cli;

import dev.cairn.store.DiffEntry;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    description = "Show what changed from snapshot A to snapshot B.",
    footer = {
      "",
      "Markers: + added, - removed, M modified, T type changed, t only the modification time changed."
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "Old snapshot.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "New snapshot.")
  String b;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly()) {
      List<DiffEntry> diff = repo.diff(repo.resolve(a), repo.resolve(b));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, diff);
        return ExitCodes.OK;
      }
      long added = 0;
      long removed = 0;
      long modified = 0;
      for (DiffEntry d : diff) {
        switch (d.change()) {
          case ADDED -> {
            out.printf("+ %s (%s)%n", d.path(), Output.bytes(d.newSize()));
            added++;
          }
          case REMOVED -> {
            out.printf("- %s (%s)%n", d.path(), Output.bytes(d.oldSize()));
            removed++;
          }
          case MODIFIED -> {
            out.printf(
                "M %s (%s -> %s)%n",
                d.path(), Output.bytes(d.oldSize()), Output.bytes(d.newSize()));
            modified++;
          }
          case TYPE_CHANGED -> {
            out.printf("T %s (%s -> %s)%n", d.path(), d.oldType(), d.newType());
            modified++;
          }
          case METADATA -> out.printf("t %s%n", d.path());
        }
      }
      out.printf("%d added, %d removed, %d modified%n", added, removed, modified);
      out.flush();
      return ExitCodes.OK;
    }
  }
}

package dev.cairn.cli;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    description = "Verify the repository. Exit code 5 when a problem is found.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Mode mode;

  static final class Mode {
    @Option(
        names = "--read-data",
        description = "Also read every pack and verify every blob's hash.")
    boolean readData;

    @Option(
        names = "--rebuild-index",
        description =
            "Rebuild the index from pack footers, snapshot objects and the ref journal, then check.")
    boolean rebuildIndex;
  }

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo =
        mode != null && mode.rebuildIndex ? RepoLocator.open() : RepoLocator.openReadOnly()) {
      PrintWriter out = spec.commandLine().getOut();
      if (mode != null && mode.rebuildIndex) {
        CheckReport rebuilt = repo.rebuildIndex();
        if (!json) {
          out.printf(
              "rebuilt index: %d packs, %d blobs, %d snapshots, %d refs%n",
              rebuilt.packs(), rebuilt.chunks(), rebuilt.snapshots(), rebuilt.refs());
          rebuilt.problems().forEach(p -> out.println("problem: " + p));
        }
      }
      CheckReport r =
          repo.check(
              mode != null && mode.readData ? CheckOptions.READ_DATA : CheckOptions.STRUCTURE);
      if (json) {
        Output.json(out, r);
      } else {
        out.printf(
            "checked %d refs, %d snapshots, %d trees, %d files, %d chunks in %d packs%s%n",
            r.refs(),
            r.snapshots(),
            r.trees(),
            r.files(),
            r.chunks(),
            r.packs(),
            r.bytesVerified() > 0 ? "; verified " + Output.bytes(r.bytesVerified()) : "");
        r.problems().forEach(p -> out.println("problem: " + p));
        out.println(r.clean() ? "no problems found" : r.problems().size() + " problem(s) found");
      }
      out.flush();
      return r.clean() ? ExitCodes.OK : ExitCodes.CORRUPT;
    }
  }
}

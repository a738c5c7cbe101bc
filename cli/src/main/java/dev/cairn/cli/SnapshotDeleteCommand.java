package dev.cairn.cli;

import dev.cairn.api.client.RemoteRepository;
import dev.cairn.gc.GcRoots;
import dev.cairn.gc.RetentionRoots;
import dev.cairn.gc.RootSet;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    description = {
      "Delete a snapshot from the catalog; its data goes at the next 'cairn gc'.",
      "Refused (exit 3), naming every holder, while a ref, a tag or a live lineage artifact"
          + " refers to it, unless --force."
    })
final class SnapshotDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "Snapshot id or unique prefix.")
  String id;

  @Option(
      names = "--force",
      description = "Delete even while something refers to it (those references then dangle).")
  boolean force;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.open()) {
      ObjectId snapshot = repo.resolve(id);
      repo.loadSnapshot(snapshot);
      if (force) {
        repo.deleteSnapshot(snapshot);
      } else if (repo instanceof RemoteRepository remote) {
        // The server checks every namespace and its lineage; this token may see only some.
        remote.deleteSnapshotUnlessHeld(snapshot);
      } else {
        try (PinSources pins = PinSources.open()) {
          List<GcRoots> roots = new ArrayList<>(pins.roots());
          roots.add(new RetentionRoots(repo));
          RootSet.collect(repo, roots)
              .deleteUnlessHeld(repo, snapshot, "move or delete them, or pass --force");
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Deleted snapshot " + snapshot.toShortString());
      out.flush();
      return ExitCodes.OK;
    }
  }
}

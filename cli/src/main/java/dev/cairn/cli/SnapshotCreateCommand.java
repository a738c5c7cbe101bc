package dev.cairn.cli;

import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "create",
    description =
        "Snapshot a directory and move a ref to it. Prints the snapshot id alone on the last line.")
final class SnapshotCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "Directory to snapshot.")
  Path source;

  @Option(
      names = "--ref",
      required = true,
      paramLabel = "NS/NAME",
      description = "Ref to move to the new snapshot; its namespace is the snapshot's.")
  String ref;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "volume|dataset|code|model|other (default ${DEFAULT-VALUE}).")
  String kind = "other";

  @Option(
      names = {"-m", "--message"},
      paramLabel = "MSG",
      description = "Message.")
  String message = "";

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label (repeatable).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--parent",
      paramLabel = "ID",
      description = "Parent snapshot (default: the ref's current snapshot).")
  String parent;

  @Option(names = "--no-parent", description = "Start a new history and read every file.")
  boolean noParent;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.open()) {
      SnapshotRequest request =
          SnapshotRequest.of(source, RefName.parse(ref))
              .withKind(SnapshotKind.parse(kind))
              .withMessage(message)
              .withLabels(labels);
      if (noParent) {
        request = request.withoutParent();
      } else if (parent != null) {
        request = request.withParent(repo.resolve(parent));
      }
      Progress progress = ConsoleProgress.forSource("snapshot", source);
      SnapshotResult r;
      try {
        r = repo.snapshot(request.withProgress(progress));
      } finally {
        ConsoleProgress.close(progress);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, r);
      } else {
        out.printf(
            "snapshot %s of %s: %d files, %s%n",
            r.snapshot().id().toShortString(),
            source,
            r.snapshot().totalFiles(),
            Output.bytes(r.snapshot().totalBytes()));
        out.printf(
            "read %d files (%s), reused %d unchanged; added %d blobs, %s (%s stored)%n",
            r.filesRead(),
            Output.bytes(r.bytesRead()),
            r.filesReused(),
            r.blobsAdded(),
            Output.bytes(r.rawBytesAdded()),
            Output.bytes(r.storedBytesAdded()));
        out.println(r.snapshot().id());
      }
      out.flush();
      if (r.refUpdate() == RefUpdate.CONFLICT || r.refUpdate() == RefUpdate.REJECTED_TAG) {
        spec.commandLine()
            .getErr()
            .println(
                "cairn: snapshot "
                    + r.snapshot().id()
                    + " was written, but ref "
                    + ref
                    + (r.refUpdate() == RefUpdate.REJECTED_TAG
                        ? " is a tag and tags never move"
                        : " was moved by another writer meanwhile and was not updated"));
        return ExitCodes.CONFLICT;
      }
      return ExitCodes.OK;
    }
  }
}

package dev.cairn.cli;

import dev.cairn.api.ApiServer;
import dev.cairn.api.ServerOptions;
import dev.cairn.api.client.ApiClient;
import dev.cairn.api.client.RemoteOptions;
import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.DiffEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description =
        "Walk through Cairn on a generated ML working set: snapshot, change 1%%, snapshot, diff,"
            + " restore, verify, then snapshot and restore through the REST API.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Folder for the demo (default: a fresh temporary folder).")
  Path dir;

  private PrintWriter out;
  private long started;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    started = System.nanoTime();
    Path base =
        dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("cairn-demo-");
    Path work = base.resolve("workspace");
    Path repoDir = base.resolve("repo");
    Path restored = base.resolve("restored-v1");
    WorkingSet.Scale scale = WorkingSet.Scale.DEMO;
    WorkingSet set = new WorkingSet(work, 42);

    step("Generating an ML working set in " + work);
    set.generate(scale);
    SortedMap<String, String> v1 = WorkingSet.manifest(work);
    out.printf(
        "  %d entries: model weights, CSV data, %d source files, a symlink, an empty dir%n",
        v1.size(), scale.sourceFiles());

    try (Repository repo = Repository.init(repoDir, RepositoryOptions.DEFAULTS)) {
      step("Initialized repository " + repo.location());
      RefName ref = RefName.parse("demo/workspace");

      step("Snapshot 1 of the working set (ref " + ref + ")");
      SnapshotResult first =
          repo.snapshot(
              SnapshotRequest.of(work, ref)
                  .withKind(SnapshotKind.DATASET)
                  .withMessage("initial data and model"));
      report(first);

      step("Changing about 1% of it");
      for (String change : set.mutate(scale)) {
        out.println("  " + change);
      }

      step("Snapshot 2 (parent: snapshot 1)");
      SnapshotResult second =
          repo.snapshot(
              SnapshotRequest.of(work, ref)
                  .withKind(SnapshotKind.DATASET)
                  .withMessage("1% change"));
      report(second);
      out.printf(
          "  bytes added by the change: %s stored (%.2f%% of the %s working set)%n",
          Output.bytes(second.storedBytesAdded()),
          100.0 * second.storedBytesAdded() / second.snapshot().totalBytes(),
          Output.bytes(second.snapshot().totalBytes()));

      step("Diff snapshot 1 -> snapshot 2");
      List<DiffEntry> diff = repo.diff(first.snapshot().id(), second.snapshot().id());
      diff.stream().limit(12).forEach(d -> out.printf("  %-12s %s%n", d.change(), d.path()));
      if (diff.size() > 12) {
        out.printf("  ... and %d more%n", diff.size() - 12);
      }

      step("Restoring snapshot 1 to " + restored);
      RestoreResult r =
          repo.restore(first.snapshot().id(), "", restored, dev.cairn.store.Progress.NONE);
      out.printf(
          "  %d files, %d directories, %d symlinks, %s%n",
          r.files(), r.directories(), r.symlinks(), Output.bytes(r.bytes()));

      step("Verifying the restore against snapshot 1's original content");
      SortedMap<String, String> back = WorkingSet.manifest(restored);
      if (!back.equals(v1)) {
        out.println("  MISMATCH: the restored tree differs from the original");
        out.flush();
        return ExitCodes.CORRUPT;
      }
      out.printf("  all %d entries are bit-exact%n", back.size());

      if (!throughTheApi(repo, work, ref, base.resolve("restored-v3"))) {
        return ExitCodes.CORRUPT;
      }

      step("Checking the repository (reading and hashing every chunk)");
      CheckReport check = repo.check(CheckOptions.READ_DATA);
      out.printf(
          "  %d snapshots, %d chunks in %d packs, %s verified: %s%n",
          check.snapshots(),
          check.chunks(),
          check.packs(),
          Output.bytes(check.bytesVerified()),
          check.clean() ? "no problems" : check.problems());

      step("Done. Try: cairn --repo " + repoDir + " snapshot list");
      out.println(second.snapshot().id());
      out.flush();
      return check.clean() ? ExitCodes.OK : ExitCodes.CORRUPT;
    }
  }

  /**
   * Serves the repository on a loopback port and snapshots the working set, with one new file,
   * through the REST API as a client on another machine would: the client chunks and hashes and
   * sends only what the server lacks. Then restores that snapshot through the API and verifies it.
   */
  private boolean throughTheApi(Repository repo, Path work, RefName ref, Path restored)
      throws Exception {
    // The access log and Jetty's start and stop lines are for operators, not this walk-through;
    // slf4j-simple reads a logger's level when the logger is made, which is after this.
    System.setProperty("org.slf4j.simpleLogger.log.dev.cairn.api", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    ServerOptions loopback = ServerOptions.defaults().withAddress("127.0.0.1", 0);
    try (ApiServer server = ApiServer.start(repo, Optional.empty(), loopback, Version.text());
        RemoteRepository remote =
            RemoteRepository.connect(
                new ApiClient(server.uri(), Optional.empty()),
                RemoteOptions.defaults().withoutCache())) {
      step("Serving the repository on " + server.uri() + "; snapshot 3 through the REST API");
      Files.writeString(work.resolve("NOTES.md"), "Trained on snapshot 2.\n");
      SnapshotResult third =
          remote.snapshot(
              SnapshotRequest.of(work, ref)
                  .withKind(SnapshotKind.DATASET)
                  .withMessage("notes, through the API"));
      report(third);
      out.printf(
          "  the client read every file and sent only what the server lacked: %s%n",
          Output.bytes(third.storedBytesAdded()));

      step("Restoring snapshot 3 through the REST API to " + restored);
      SortedMap<String, String> v3 = WorkingSet.manifest(work);
      remote.restore(third.snapshot().id(), "", restored, dev.cairn.store.Progress.NONE);
      if (!WorkingSet.manifest(restored).equals(v3)) {
        out.println("  MISMATCH: the tree restored through the API differs from the original");
        out.flush();
        return false;
      }
      out.printf("  all %d entries are bit-exact%n", v3.size());
      return true;
    }
  }

  private void step(String what) {
    out.printf("[%6.2fs] %s%n", (System.nanoTime() - started) / 1e9, what);
    out.flush();
  }

  private void report(SnapshotResult r) {
    out.printf(
        "  snapshot %s: %d files, %s; read %d files, reused %d unchanged; stored %d new blobs, %s (%s compressed)%n",
        r.snapshot().id().toShortString(),
        r.snapshot().totalFiles(),
        Output.bytes(r.snapshot().totalBytes()),
        r.filesRead(),
        r.filesReused(),
        r.blobsAdded(),
        Output.bytes(r.rawBytesAdded()),
        Output.bytes(r.storedBytesAdded()));
  }
}

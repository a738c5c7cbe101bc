package dev.cairn.cli;

import dev.cairn.api.GcJson;
import dev.cairn.api.RepositoryGc;
import dev.cairn.api.client.ApiClient;
import dev.cairn.gc.GcOptions;
import dev.cairn.gc.GcReport;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "gc",
    description = {
      "Reclaim the storage of deleted snapshots, in two phases that are safe while snapshots are"
          + " being written: blobs nothing references are condemned first, and deleted by a later"
          + " run once they stayed unused for the grace period (emptied packs are deleted, mostly"
          + " dead packs repacked). Snapshots that retention policies expire (see 'cairn retention')"
          + " are deleted first; snapshots held by refs, tags and lineage artifacts are kept.",
      "With --server the server collects its repository (the token needs admin on every"
          + " namespace, '*').",
      "Run it periodically; with --grace 0 one run condemns and deletes (only when no upload is"
          + " in flight)."
    })
final class GcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "Change nothing; report what would be done.")
  boolean dryRun;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = GraceConverter.class,
      description =
          "How long a blob stays condemned, and how old a pack must be, before it is deleted"
              + " (90s, 30m, 1h, 2d, 0; default 1h).")
  Duration grace = GcOptions.DEFAULT_GRACE;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    GcOptions withGrace = GcOptions.DEFAULTS.withGrace(grace);
    GcOptions options = dryRun ? withGrace.asDryRun() : withGrace;
    GcJson report = RemoteLocator.client().map(this::onServer).orElseGet(() -> here(options));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Output.json(out, report);
    } else {
      print(out, report);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The server collects its own repository, with its own lineage pins. */
  private GcJson onServer(ApiClient client) {
    Map<String, Object> body = Map.of("dryRun", dryRun, "grace", grace.toString());
    return ApiClient.convert(client.post("/api/v1/gc", body), GcJson.class);
  }

  private GcJson here(GcOptions options) {
    try (Repository repo = dryRun ? RepoLocator.openReadOnly() : RepoLocator.open();
        PinSources pins = PinSources.open()) {
      return GcJson.of(RepositoryGc.collector(repo, pins.lineage()).run(options));
    }
  }

  private void print(PrintWriter out, GcJson r) {
    String would = r.dryRun() ? "would be " : "";
    if (r.dryRun()) {
      out.println("dry run: nothing was changed");
    }
    out.printf("snapshots expired: %d%n", r.snapshotsExpired().size());
    r.snapshotsExpired().forEach(id -> out.println("  " + id));
    GcReport.Marked m = r.marked();
    out.printf(
        "marked: %d snapshots, %d trees, %d files, %d chunks%n",
        m.snapshots(), m.trees(), m.files(), m.chunks());
    out.printf(
        "blobs condemned: %d (%s), %sdeleted after the %s grace period unless used again%n",
        r.blobsCondemned(), Output.bytes(r.bytesCondemned()), would, human(grace));
    if (r.blobsPardoned() > 0) {
      out.printf("blobs used again and released: %d%n", r.blobsPardoned());
    }
    out.printf("blobs %sremoved: %d%n", would, r.blobsRemoved());
    out.printf("packs %sdeleted: %d%n", would, r.packsDeleted());
    out.printf("packs %srepacked: %d into %d%n", would, r.packsRepacked(), r.packsCreated());
    out.printf("bytes %sreclaimed: %s%n", would, Output.bytes(r.bytesReclaimed()));
    GcJson.Phases p = r.phaseSeconds();
    out.printf(
        Locale.ROOT,
        "phases: expire %.2fs, mark %.2fs, condemn %.2fs, sweep %.2fs%n",
        p.expire(),
        p.mark(),
        p.condemn(),
        p.sweep());
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}

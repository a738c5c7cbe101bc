package dev.cairn.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.ApiException;
import dev.cairn.api.ApiMetrics;
import dev.cairn.api.Call;
import dev.cairn.api.GcJson;
import dev.cairn.api.Reply;
import dev.cairn.api.RepositoryGc;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.gc.GarbageCollector;
import dev.cairn.gc.GcOptions;
import dev.cairn.gc.GcReport;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.Repository;
import java.util.List;
import java.util.Optional;

/**
 * Garbage collection of the served repository over HTTP. It spans every namespace (retention
 * expires snapshots of all of them, and blobs are shared across them), so it takes an admin token
 * for every namespace ({@code *}); the handler enforces that for every admin route without a
 * namespace. One collection runs at a time: a second call while one runs is a 409 conflict.
 */
public final class GcRoutes {
  private final GarbageCollector collector;
  private final ApiMetrics metrics;

  public GcRoutes(Repository repo, Optional<LineageStore> lineage, ApiMetrics metrics) {
    this.collector = RepositoryGc.collector(repo, lineage);
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/api/v1/gc",
            Access.ADMIN,
            "collectGarbage",
            "Expire snapshots by retention and reclaim unreferenced storage: {dryRun?: boolean,"
                + " grace?: duration such as 90s, 30m, 1h, 2d, 0 or PT1H}; answers what was (or"
                + " would be) done; 409 while another collection runs; needs admin on every"
                + " namespace",
            this::collect));
  }

  private Reply collect(Call call) {
    JsonNode body = call.bodyTree("dryRun", "grace");
    GcOptions options = GcOptions.DEFAULTS;
    JsonNode grace = body.path("grace");
    if (!grace.isMissingNode() && !grace.isNull()) {
      if (!grace.isTextual()) {
        throw ApiException.badRequest(
            "Invalid request: field 'grace' must be a duration string such as \"1h\", not "
                + grace);
      }
      options = options.withGrace(GcOptions.parseGrace(grace.asText()));
    }
    JsonNode dryRun = body.path("dryRun");
    if (!dryRun.isMissingNode() && !dryRun.isNull()) {
      if (!dryRun.isBoolean()) {
        throw ApiException.badRequest(
            "Invalid request: field 'dryRun' must be true or false, not " + dryRun);
      }
      if (dryRun.asBoolean()) {
        options = options.asDryRun();
      }
    }
    long start = System.nanoTime();
    GcReport report = collector.run(options);
    if (!report.dryRun()) {
      metrics.collected(report.bytesReclaimed(), System.nanoTime() - start);
    }
    return Reply.ok(GcJson.of(report));
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.ApiMetrics;
import dev.cairn.api.Call;
import dev.cairn.api.OpenApi;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Health, readiness, metrics and the OpenAPI document. */
public final class SystemRoutes {
  private final ApiMetrics metrics;
  private final BooleanSupplier ready;
  private final Supplier<List<Route>> allRoutes;
  private final String version;

  public SystemRoutes(
      ApiMetrics metrics, BooleanSupplier ready, Supplier<List<Route>> allRoutes, String version) {
    this.metrics = metrics;
    this.ready = ready;
    this.allRoutes = allRoutes;
    this.version = version;
  }

  public List<Route> routes() {
    return List.of(
        Route.get(
            "/healthz",
            Access.PUBLIC,
            "health",
            "The process is alive",
            c -> Reply.ok(Map.of("status", "ok"))),
        Route.get(
            "/readyz",
            Access.PUBLIC,
            "ready",
            "The server takes requests (503 while stopping)",
            this::ready),
        Route.get("/metrics", Access.AUTHENTICATED, "metrics", "Prometheus metrics", this::metrics)
            .withResponse("text/plain"),
        Route.get(
            "/api/v1/openapi.json", Access.PUBLIC, "openapi", "This document", this::openapi));
  }

  private Reply ready(Call call) {
    return ready.getAsBoolean()
        ? Reply.ok(Map.of("status", "ready"))
        : new Reply.Json(503, Map.of("code", "UNAVAILABLE", "message", "The server is stopping"));
  }

  private Reply metrics(Call call) {
    byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    return new Reply.Stream(
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        text.length,
        Map.of(),
        out -> out.write(text));
  }

  private Reply openapi(Call call) {
    return Reply.ok(OpenApi.document(allRoutes.get(), version));
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.LineageJson;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lineage over HTTP under {@value #BASE}: every entity and query of {@link LineageStore} in MLMD's
 * JSON shapes (protobuf's JSON mapping, snake_case names), plus runs, provenance and the garbage
 * collector's snapshot pins. Reads need READ access to the namespace, writes WRITE, deletes ADMIN;
 * the pins, which span namespaces, need an admin token for every namespace.
 */
public final class LineageRoutes {
  static final String BASE = "/api/v1/namespaces/{ns}/lineage";

  private final Repository repo;
  private final LineageStore store;

  public LineageRoutes(Repository repo, LineageStore store) {
    this.repo = repo;
    this.store = store;
  }

  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new LineageTypeRoutes(store).routes());
    routes.addAll(LineageNodeRoutes.all(store));
    routes.addAll(new LineageEdgeRoutes(store).routes());
    routes.addAll(new LineageQueryRoutes(repo, store).routes());
    routes.add(
        Route.get(
            "/api/v1/lineage/pins",
            Access.ADMIN,
            "listSnapshotPins",
            "Snapshots that live lineage artifacts refer to, in every namespace: garbage"
                + " collection keeps them -> {pins}",
            call -> Reply.ok(Map.of("pins", LineageJson.tree(store.snapshotPins())))));
    return routes;
  }
}

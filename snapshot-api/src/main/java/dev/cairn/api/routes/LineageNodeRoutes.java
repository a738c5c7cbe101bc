package dev.cairn.api.routes;

import com.google.protobuf.Message;
import dev.cairn.api.ApiException;
import dev.cairn.api.Call;
import dev.cairn.api.LineageJson;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts, executions or contexts: put (MLMD's Put*), get by id, list (paged, with MLMD's
 * filter_query) or look up by ids, type (and name), uri or external ids; what refers to a node; and
 * delete it.
 */
final class LineageNodeRoutes<T extends Message> {
  private final LineageNodeKind<T> kind;
  private final List<String> selectors;

  LineageNodeRoutes(LineageNodeKind<T> kind) {
    this.kind = kind;
    this.selectors =
        kind.byUri().isPresent()
            ? List.of("id", "type", "uri", "external_id")
            : List.of("id", "type", "external_id");
  }

  List<Route> routes() {
    String path = LineageRoutes.BASE + "/" + kind.plural();
    String one = path + "/{id}";
    Route list =
        Route.get(
                path,
                Access.READ,
                "list" + kind.title() + "s",
                "One page of "
                    + kind.plural()
                    + " (filter, order, paging as MLMD's ListOperationOptions), or those named by "
                    + String.join(", ", selectors)
                    + "; -> {items, next_page_token}",
                this::list)
            .withQuery(
                "filter", "string", "MLMD filter_query, e.g. type = 'Dataset' AND name LIKE 'x%'")
            .withQuery("order_by", "string", "id (default), create_time or last_update_time")
            .withQuery("asc", "boolean", "Ascending order (default true)")
            .withQuery("limit", "integer", "Page size (default 100, at most 1000)")
            .withQuery("page_token", "string", "next_page_token of the previous page")
            .withQuery("id", "integer", "Instead of a page: these ids (repeatable, at most 1000)")
            .withQuery("type", "string", "Instead of a page: every node of this unversioned type")
            .withQuery("name", "string", "With type: the node of this name")
            .withQuery(
                "external_id", "string", "Instead of a page: these external ids (repeatable)");
    if (selectors.contains("uri")) {
      list = list.withQuery("uri", "string", "Instead of a page: the artifacts with this uri");
    }
    return List.of(
        list,
        Route.post(
            path,
            Access.WRITE,
            "put" + kind.title() + "s",
            "Insert "
                + kind.plural()
                + " without an id, update those with one (MLMD's Put"
                + kind.title()
                + "s): {"
                + kind.plural()
                + ": [...]} -> {"
                + kind.name()
                + "_ids}",
            this::put),
        Route.get(one, Access.READ, "get" + kind.title(), "One " + kind.name(), this::get),
        Route.get(
            one + "/dependents",
            Access.READ,
            kind.name() + "Dependents",
            "The events and links that refer to the " + kind.name(),
            this::dependents),
        Route.delete(
                one,
                Access.ADMIN,
                "delete" + kind.title(),
                "Delete the "
                    + kind.name()
                    + ": hard (refused with 409 while anything refers to it), cascade (with the"
                    + " events and links) or soft (artifacts: mark DELETED)",
                this::delete)
            .withQuery("mode", "string", "hard (default), cascade or soft")
            .withQuery("dry_run", "boolean", "Only report what refers to it"));
  }

  private Reply list(Call call) {
    String ns = call.namespace();
    List<String> given = selectors.stream().filter(s -> call.query(s).isPresent()).toList();
    if (given.isEmpty()) {
      if (call.query("name").isPresent()) {
        throw cannotList("name needs a type");
      }
      Page<T> page = kind.list().apply(ns, LineageParams.listOptions(call));
      return Reply.ok(new dev.cairn.api.Page<>(page.items(), page.nextPageToken().orElse(null)));
    }
    if (given.size() > 1) {
      throw cannotList("give one of " + String.join(", ", selectors) + ", not " + given);
    }
    if (LineageParams.anyOf(call, LineageParams.PAGING)) {
      throw cannotList(
          String.join(", ", LineageParams.PAGING) + " apply to pages, not to a lookup by " + given);
    }
    if (call.query("name").isPresent() && !given.equals(List.of("type"))) {
      throw cannotList("name needs a type");
    }
    List<T> items =
        switch (given.get(0)) {
          case "id" -> kind.byIds().apply(ns, LineageParams.ids(call, "id", kind.name()));
          case "type" -> byType(call);
          case "uri" -> kind.byUri().get().apply(ns, call.query("uri").get());
          default -> kind.byExternalIds().apply(ns, call.queryAll("external_id"));
        };
    return Reply.ok(new dev.cairn.api.Page<>(items, null));
  }

  private List<T> byType(Call call) {
    String type = call.query("type").get();
    Optional<String> name = call.query("name");
    return name.isPresent()
        ? kind.byTypeAndName().find(call.namespace(), type, name.get()).stream().toList()
        : kind.byType().apply(call.namespace(), type);
  }

  private ApiException cannotList(String reason) {
    return ApiException.badRequest("Cannot list " + kind.plural() + ": " + reason);
  }

  private Reply put(Call call) {
    LineageBody body = new LineageBody(call.bodyTree(kind.plural()));
    List<T> nodes = body.messages(kind.plural(), kind.builder());
    return Reply.ok(Map.of(kind.name() + "_ids", kind.put().apply(call.namespace(), nodes)));
  }

  private Reply get(Call call) {
    return Reply.ok(kind.load(call.namespace(), LineageParams.id(call, kind.name())));
  }

  private Reply dependents(Call call) {
    long id = LineageParams.id(call, kind.name());
    return Reply.ok(LineageJson.dependents(kind.dependents().apply(call.namespace(), id)));
  }

  private Reply delete(Call call) {
    long id = LineageParams.id(call, kind.name());
    DeleteMode mode = LineageParams.deleteMode(call);
    boolean dryRun = call.queryFlag("dry_run");
    Dependents dependents =
        dryRun
            ? kind.dependents().apply(call.namespace(), id)
            : kind.delete().delete(call.namespace(), id, mode);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put(kind.name() + "_id", id);
    reply.put("mode", mode);
    reply.put("dry_run", dryRun);
    reply.put("dependents", LineageJson.dependents(dependents));
    return Reply.ok(reply);
  }

  /** One set of routes per node kind. */
  static List<Route> all(LineageStore store) {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new LineageNodeRoutes<>(LineageNodeKind.artifacts(store)).routes());
    routes.addAll(new LineageNodeRoutes<>(LineageNodeKind.executions(store)).routes());
    routes.addAll(new LineageNodeRoutes<>(LineageNodeKind.contexts(store)).routes());
    return routes;
  }
}

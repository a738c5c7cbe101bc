package dev.cairn.api.routes;

import dev.cairn.api.ApiException;
import dev.cairn.api.Call;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Events, attributions, associations and parent contexts: put them (MLMD's PutEvents,
 * PutAttributionsAndAssociations, PutParentContexts) and follow them from a node. Following them
 * from a node that does not exist is a 404.
 */
final class LineageEdgeRoutes {
  private final LineageStore store;
  private final LineageNodeKind<?> artifacts;
  private final LineageNodeKind<?> executions;
  private final LineageNodeKind<?> contexts;

  LineageEdgeRoutes(LineageStore store) {
    this.store = store;
    this.artifacts = LineageNodeKind.artifacts(store);
    this.executions = LineageNodeKind.executions(store);
    this.contexts = LineageNodeKind.contexts(store);
  }

  List<Route> routes() {
    String base = LineageRoutes.BASE;
    return List.of(
        Route.post(
            base + "/events",
            Access.WRITE,
            "putEvents",
            "Insert events between existing artifacts and executions (MLMD's PutEvents): {events}",
            this::putEvents),
        Route.get(
                base + "/events",
                Access.READ,
                "listEvents",
                "The events of artifacts or of executions -> {events}",
                this::events)
            .withQuery("artifact_id", "integer", "Events of these artifacts (repeatable)")
            .withQuery("execution_id", "integer", "Events of these executions (repeatable)"),
        Route.post(
            base + "/attributions-and-associations",
            Access.WRITE,
            "putAttributionsAndAssociations",
            "Link artifacts and executions to contexts; existing links stay: {attributions?,"
                + " associations?}",
            this::putLinks),
        Route.post(
            base + "/parent-contexts",
            Access.WRITE,
            "putParentContexts",
            "Link child contexts to parents; self links and cycles are refused: {parent_contexts}",
            this::putParents),
        linked(
            artifacts,
            "contexts",
            "The contexts an artifact is attributed to",
            store::getContextsByArtifact),
        linked(
            executions,
            "contexts",
            "The contexts an execution is associated with",
            store::getContextsByExecution),
        linked(
            contexts,
            "artifacts",
            "The artifacts attributed to a context",
            store::getArtifactsByContext),
        linked(
            contexts,
            "executions",
            "The executions associated with a context",
            store::getExecutionsByContext),
        linked(contexts, "parents", "The parents of a context", store::getParentContexts),
        linked(contexts, "children", "The children of a context", store::getChildContexts));
  }

  /** {@code GET .../<kind>/{id}/<what>} -> {@code {<field>: [...]}}, 404 for a missing node. */
  private Route linked(
      LineageNodeKind<?> from,
      String what,
      String summary,
      BiFunction<String, Long, List<?>> query) {
    String field = what.equals("parents") || what.equals("children") ? "contexts" : what;
    return Route.get(
        LineageRoutes.BASE + "/" + from.plural() + "/{id}/" + what,
        Access.READ,
        from.name() + Character.toUpperCase(what.charAt(0)) + what.substring(1),
        summary + " -> {" + field + "}",
        call -> {
          long id = LineageParams.id(call, from.name());
          from.load(call.namespace(), id);
          return Reply.ok(Map.of(field, query.apply(call.namespace(), id)));
        });
  }

  private Reply putEvents(Call call) {
    LineageBody body = new LineageBody(call.bodyTree("events"));
    List<Event> events = body.messages("events", Event::newBuilder);
    store.putEvents(call.namespace(), events);
    return Reply.ok(Map.of());
  }

  private Reply events(Call call) {
    boolean byArtifact = call.query("artifact_id").isPresent();
    boolean byExecution = call.query("execution_id").isPresent();
    if (byArtifact == byExecution) {
      throw ApiException.badRequest(
          "Cannot list events: give artifact_id or execution_id (repeatable), not "
              + (byArtifact ? "both" : "neither"));
    }
    List<Event> events =
        byArtifact
            ? store.getEventsByArtifactIds(
                call.namespace(), LineageParams.ids(call, "artifact_id", "artifact"))
            : store.getEventsByExecutionIds(
                call.namespace(), LineageParams.ids(call, "execution_id", "execution"));
    return Reply.ok(Map.of("events", events));
  }

  private Reply putLinks(Call call) {
    LineageBody body = new LineageBody(call.bodyTree("attributions", "associations"));
    if (!body.has("attributions") && !body.has("associations")) {
      throw ApiException.badRequest("Invalid request: give attributions, associations or both");
    }
    List<Attribution> attributions = body.optionalMessages("attributions", Attribution::newBuilder);
    List<Association> associations = body.optionalMessages("associations", Association::newBuilder);
    store.putAttributionsAndAssociations(call.namespace(), attributions, associations);
    return Reply.ok(Map.of());
  }

  private Reply putParents(Call call) {
    LineageBody body = new LineageBody(call.bodyTree("parent_contexts"));
    List<ParentContext> links = body.messages("parent_contexts", ParentContext::newBuilder);
    store.putParentContexts(call.namespace(), links);
    return Reply.ok(Map.of());
  }
}

package dev.cairn.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.ApiException;
import dev.cairn.api.Call;
import dev.cairn.api.LineageJson;
import dev.cairn.api.ProtoJson;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphRequest;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.LineageGraph;
import dev.cairn.lineage.pipeline.Provenance;
import dev.cairn.lineage.pipeline.RunQueries;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lineage as a whole: the subgraph around nodes, the provenance of a snapshot, pipeline runs, and
 * recording one step atomically (MLMD's PutExecution), which is what {@code cairn step run} calls.
 */
final class LineageQueryRoutes {
  /** The hop limit of a walk that names none. */
  static final int DEFAULT_HOPS = 20;

  private final Repository repo;
  private final LineageStore store;

  LineageQueryRoutes(Repository repo, LineageStore store) {
    this.repo = repo;
    this.store = store;
  }

  List<Route> routes() {
    String base = LineageRoutes.BASE;
    return List.of(
        // A POST because the query is a body, but it reads only: READ access.
        Route.post(
            base + "/subgraph",
            Access.READ,
            "lineageSubgraph",
            "The lineage subgraph around starting nodes (MLMD's LineageSubgraphQueryOptions):"
                + " {start_artifact_ids?, start_execution_ids?, start_artifact_filter?,"
                + " start_execution_filter?, direction? (UPSTREAM, DOWNSTREAM, BOTH), max_hops?"
                + " (0-100, default 20), ending_artifact_filter?, ending_execution_filter?,"
                + " include_ending_nodes?} -> {artifacts, executions, events}",
            this::subgraph),
        Route.get(
                base + "/provenance/{snapshot}",
                Access.READ,
                "snapshotProvenance",
                "Which step wrote a snapshot, from which snapshots, back to the sources ->"
                    + " {snapshot, links}",
                this::provenance)
            .withQuery("max_hops", "integer", "Steps back, 0-100 (default 20)"),
        Route.get(
            base + "/runs",
            Access.READ,
            "listRuns",
            "Pipeline runs recorded by cairn step run -> {runs}",
            this::runs),
        Route.get(
            base + "/runs/{run}",
            Access.READ,
            "getRun",
            "A run's steps in order, with the snapshots each read and wrote -> {run, steps}",
            this::run),
        Route.post(
            base + "/put-execution",
            Access.WRITE,
            "putExecution",
            "Record one step atomically, idempotent on retry (MLMD's PutExecution): {execution,"
                + " artifact_event_pairs?: [{artifact, event?}], contexts?} -> {execution_id,"
                + " artifact_ids, context_ids}",
            this::putExecution));
  }

  private Reply subgraph(Call call) {
    LineageBody body =
        new LineageBody(
            call.bodyTree(
                "start_artifact_ids",
                "start_execution_ids",
                "start_artifact_filter",
                "start_execution_filter",
                "direction",
                "max_hops",
                "ending_artifact_filter",
                "ending_execution_filter",
                "include_ending_nodes"));
    SubgraphRequest request =
        new SubgraphRequest(
            body.ids("start_artifact_ids", "artifact"),
            body.ids("start_execution_ids", "execution"),
            body.string("start_artifact_filter"),
            body.string("start_execution_filter"),
            direction(body.string("direction")),
            body.integer("max_hops", DEFAULT_HOPS),
            body.string("ending_artifact_filter"),
            body.string("ending_execution_filter"),
            body.bool("include_ending_nodes", false));
    if (request.startArtifactIds().isEmpty()
        && request.startExecutionIds().isEmpty()
        && request.startArtifactFilter() == null
        && request.startExecutionFilter() == null) {
      throw ApiException.badRequest(
          "Cannot walk lineage: give start ids or a start filter, for artifacts or executions");
    }
    Subgraph g = new LineageWalker(store, call.namespace()).walk(request);
    return Reply.ok(
        LineageGraph.newBuilder()
            .addAllArtifacts(g.artifacts())
            .addAllExecutions(g.executions())
            .addAllEvents(g.events())
            .build());
  }

  private static LineageWalker.Direction direction(String text) {
    if (text == null) {
      return LineageWalker.Direction.BOTH;
    }
    try {
      return LineageWalker.Direction.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "Invalid request: field 'direction' must be UPSTREAM, DOWNSTREAM or BOTH, not '"
              + text
              + "'");
    }
  }

  private Reply provenance(Call call) {
    long hops = call.queryLong("max_hops", DEFAULT_HOPS);
    if (hops < 0 || hops > LineageWalker.MAX_HOPS) {
      throw ApiException.badRequest(
          "Invalid max_hops " + hops + ": use 0 to " + LineageWalker.MAX_HOPS);
    }
    String snapshot = snapshotId(call.namespace(), call.path("snapshot"));
    List<Provenance.Link> links = new Provenance(store, call.namespace()).of(snapshot, (int) hops);
    return Reply.ok(Map.of("snapshot", snapshot, "links", LineageJson.tree(links)));
  }

  /**
   * A full id is taken as it is: lineage may outlive its snapshot. A prefix is resolved among the
   * namespace's snapshots, the way the snapshot routes do it.
   */
  private String snapshotId(String ns, String spec) {
    String hex = spec.toLowerCase(Locale.ROOT);
    if (hex.length() == 64 && ObjectId.isHex(hex)) {
      return hex;
    }
    return Snapshots.load(repo, ns, spec).id().toString();
  }

  private Reply runs(Call call) {
    return Reply.ok(
        Map.of("runs", LineageJson.tree(new RunQueries(store, call.namespace()).runs())));
  }

  private Reply run(Call call) {
    String run = call.path("run");
    return Reply.ok(
        Map.of(
            "run",
            run,
            "steps",
            LineageJson.tree(new RunQueries(store, call.namespace()).steps(run))));
  }

  private Reply putExecution(Call call) {
    LineageBody body =
        new LineageBody(call.bodyTree("execution", "artifact_event_pairs", "contexts"));
    Execution execution = body.message("execution", Execution::newBuilder);
    List<ArtifactAndEvent> pairs = pairs(body);
    List<Context> contexts = body.optionalMessages("contexts", Context::newBuilder);
    PutExecutionResult r = store.putExecution(call.namespace(), execution, pairs, contexts);
    return Reply.ok(LineageJson.tree(r));
  }

  private static List<ArtifactAndEvent> pairs(LineageBody body) {
    if (!body.has("artifact_event_pairs")) {
      return List.of();
    }
    JsonNode array = body.tree().get("artifact_event_pairs");
    if (!array.isArray()) {
      throw ApiException.badRequest(
          "Invalid request: field 'artifact_event_pairs' must be a JSON array");
    }
    List<ArtifactAndEvent> pairs = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "artifact_event_pairs[" + i + "]";
      JsonNode pair = array.get(i);
      if (!pair.isObject() || !pair.has("artifact")) {
        throw ApiException.badRequest(
            "Invalid request: field '" + at + "' must be {artifact, event?}");
      }
      pair.fieldNames()
          .forEachRemaining(
              f -> {
                if (!f.equals("artifact") && !f.equals("event")) {
                  throw ApiException.badRequest(
                      "Invalid request: unknown field '" + f + "' in '" + at + "'");
                }
              });
      Artifact artifact =
          ProtoJson.message(pair.get("artifact"), Artifact.newBuilder(), at + ".artifact");
      Optional<Event> event =
          pair.hasNonNull("event")
              ? Optional.of(ProtoJson.message(pair.get("event"), Event.newBuilder(), at + ".event"))
              : Optional.empty();
      pairs.add(new ArtifactAndEvent(artifact, event));
    }
    return pairs;
  }
}

package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.LineageWalker.Direction;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphRequest;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ExecutionType;
import dev.cairn.lineage.mlmd.LineageGraph;
import dev.cairn.lineage.mlmd.Value;
import dev.cairn.lineage.pipeline.PipelineTypes;
import dev.cairn.lineage.pipeline.Provenance;
import dev.cairn.lineage.pipeline.RunQueries;
import dev.cairn.lineage.pipeline.StepProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Subgraphs, recording a step, runs and provenance over HTTP, against the local answers. */
class LineageQueryRoutesTest extends LineageFixture {
  private static final String NS = "team-a";

  @Test
  void theSubgraphEqualsWhatTheWalkerAnswersLocally() {
    List<Long> artifacts = new ArrayList<>();
    List<Long> executions = new ArrayList<>();
    randomDag(new Random(7), artifacts, executions);
    Random random = new Random(11);
    LineageWalker walker = new LineageWalker(lineage, NS);
    int withEvents = 0;
    for (int q = 0; q < 30; q++) {
      SubgraphRequest request =
          SubgraphRequest.of(
                  List.of(artifacts.get(random.nextInt(artifacts.size()))),
                  random.nextBoolean()
                      ? List.of(executions.get(random.nextInt(executions.size())))
                      : List.of(),
                  Direction.values()[random.nextInt(3)],
                  random.nextInt(6))
              .withEnding(
                  q % 2 == 0 ? null : "id > " + artifacts.get(artifacts.size() / 2),
                  q % 3 == 0 ? "custom_properties.step.string_value LIKE 'step1%'" : null,
                  random.nextBoolean());
      if (q % 5 == 0) {
        request = request.withStartFilters("uri = 'cairn:snapshot/src0'", null);
      }
      Subgraph local = walker.walk(request);
      LineageGraph remote = post(request);
      assertThat(remote.getArtifactsList()).as("%s", request).isEqualTo(local.artifacts());
      assertThat(remote.getExecutionsList()).as("%s", request).isEqualTo(local.executions());
      assertThat(remote.getEventsList()).as("%s", request).isEqualTo(local.events());
      withEvents += local.events().isEmpty() ? 0 : 1;
    }
    assertThat(withEvents).as("walks that crossed events").isGreaterThan(15);
  }

  @Test
  void badSubgraphRequestsAre400() {
    String subgraph = A + "/subgraph";
    assertThat(error(postJson(subgraph, reader, "{\"max_hops\": 3}"), 400, "INVALID_ARGUMENT"))
        .isEqualTo(
            "Cannot walk lineage: give start ids or a start filter, for artifacts or executions");
    assertThat(
            error(
                postJson(subgraph, reader, "{\"start_artifact_ids\": [1], \"max_hops\": 101}"),
                400,
                "INVALID_ARGUMENT"))
        .contains("max hops must be between 0 and 100");
    assertThat(
            error(
                postJson(subgraph, reader, "{\"start_artifact_ids\": [1], \"direction\": \"UP\"}"),
                400,
                "INVALID_ARGUMENT"))
        .contains("'direction'");
    assertThat(
            error(
                postJson(subgraph, reader, "{\"start_artifact_ids\": [\"one\"]}"),
                400,
                "INVALID_ARGUMENT"))
        .isEqualTo("Invalid artifact id 'one': expected a positive integer");
    assertThat(
            error(
                postJson(
                    subgraph,
                    reader,
                    "{\"start_artifact_ids\": [1], \"ending_artifact_filter\": \"nope = 1\"}"),
                400,
                "INVALID_ARGUMENT"))
        .contains("nope");
    assertThat(error(postJson(subgraph, reader, "{\"start_ids\": [1]}"), 400, "INVALID_ARGUMENT"))
        .contains("unknown field 'start_ids'");
    // Starting nodes that do not exist make an empty graph, as MLMD answers.
    assertThat(ok(postJson(subgraph, reader, "{\"start_artifact_ids\": [999]}")).size()).isZero();
  }

  @Test
  void recordingAStepTwiceCreatesNothingNew() {
    long[] schema = schema(A, writer);
    Step first = step(A, writer, schema, "prep", "raw", "clean");
    Step again = step(A, writer, schema, "prep", "raw", "clean");
    assertThat(again).isEqualTo(first);
    assertThat(ok(get(A + "/events?execution_id=" + first.execution(), reader)).get("events"))
        .hasSize(2);
    assertThat(ok(get(A + "/artifacts?type=Dataset", reader)).get("items")).hasSize(2);
    assertThat(ok(get(A + "/executions?type=Step", reader)).get("items")).hasSize(1);
    assertThat(ok(get(A + "/contexts?type=Run", reader)).get("items")).hasSize(1);
    assertThat(
            ok(get(A + "/contexts/" + first.contexts().get(0) + "/artifacts", reader))
                .get("artifacts"))
        .hasSize(2);

    // A bad pair is named, and nothing of the call is written.
    String bad =
        """
        {"execution": {"type_id": %d, "external_id": "r1/train"},
         "artifact_event_pairs": [{"artifact": {"type_id": %d}, "evnt": {}}]}"""
            .formatted(schema[1], schema[0]);
    assertThat(error(postJson(A + "/put-execution", writer, bad), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid request: unknown field 'evnt' in 'artifact_event_pairs[0]'");
    String undeclared =
        """
        {"execution": {"type_id": %d, "external_id": "r1/train"},
         "artifact_event_pairs": [{"artifact": {"type_id": %d,
           "properties": {"colour": {"string_value": "red"}}}}]}"""
            .formatted(schema[1], schema[0]);
    error(postJson(A + "/put-execution", writer, undeclared), 400, "INVALID_ARGUMENT");
    assertThat(ok(get(A + "/executions?external_id=r1%2Ftrain", reader)).get("items")).isEmpty();
    error(postJson(A + "/put-execution", reader, bad), 403, "PERMISSION_DENIED");
  }

  @Test
  void runsAndProvenanceAnswerWhatTheLocalQueriesAnswer() {
    String raw = snapshot("team-a", "raw", Map.of("data.csv", "a,b\n"));
    String clean = "c".repeat(64);
    String model = "d".repeat(64);
    record("r1", "prep", raw, clean);
    record("r1", "train", clean, model);

    // Compared as text: a tree built from Java longs and one parsed from JSON differ in node type.
    assertThat(ok(get(A + "/runs", reader)).get("runs"))
        .hasToString(LineageJson.tree(new RunQueries(lineage, NS).runs()).toString());
    JsonNode run = ok(get(A + "/runs/r1", reader));
    assertThat(run.get("steps"))
        .hasToString(LineageJson.tree(new RunQueries(lineage, NS).steps("r1")).toString());
    assertThat(run.get("steps").get(1).get("exit_code").asLong()).isEqualTo(0);
    assertThat(run.get("steps").get(1).get("argv").get(0).asText()).isEqualTo("train.sh");

    JsonNode provenance = ok(get(A + "/provenance/" + model, reader));
    assertThat(provenance.get("links"))
        .hasToString(LineageJson.tree(new Provenance(lineage, NS).of(model, 20)).toString());
    assertThat(provenance.get("links")).hasSize(3);
    assertThat(provenance.get("links").get(2).get("snapshot").asText()).isEqualTo(raw);
    // A prefix is resolved among the namespace's snapshots.
    assertThat(ok(get(A + "/provenance/" + raw.substring(0, 12), reader)).get("snapshot").asText())
        .isEqualTo(raw);
    assertThat(ok(get(A + "/provenance/" + model + "?max_hops=0", reader)).get("links")).hasSize(1);

    assertThat(error(get(A + "/runs/nope", reader), 404, "NOT_FOUND")).contains("nope");
    error(get(A + "/provenance/" + "e".repeat(12), reader), 404, "NOT_FOUND");
    error(get(A + "/provenance/xyz", reader), 400, "INVALID_ARGUMENT");
    error(get(A + "/provenance/" + model + "?max_hops=101", reader), 400, "INVALID_ARGUMENT");
    assertThat(ok(get(B + "/runs", admin)).get("runs")).isEmpty();
  }

  private LineageGraph post(SubgraphRequest r) {
    String body =
        """
        {"start_artifact_ids": %s, "start_execution_ids": %s, "start_artifact_filter": %s,
         "direction": "%s", "max_hops": %d, "ending_artifact_filter": %s,
         "ending_execution_filter": %s, "include_ending_nodes": %b}"""
            .formatted(
                r.startArtifactIds(),
                r.startExecutionIds(),
                quoted(r.startArtifactFilter()),
                r.direction().name().toLowerCase(java.util.Locale.ROOT),
                r.maxHops(),
                quoted(r.endingArtifactFilter()),
                quoted(r.endingExecutionFilter()),
                r.includeEndingNodes());
    JsonNode reply = ok(postJson(A + "/subgraph", reader, body));
    return ProtoJson.message(reply, LineageGraph.newBuilder(), "reply");
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /** A random DAG of 40 steps over 5 sources, written straight into the server's store. */
  private void randomDag(Random random, List<Long> artifacts, List<Long> executions) {
    long type =
        lineage.putArtifactType(
            NS, ArtifactType.newBuilder().setName("Dataset").build(), TypeUpsert.exact());
    long stepType =
        lineage.putExecutionType(
            NS, ExecutionType.newBuilder().setName("Step").build(), TypeUpsert.exact());
    long runType =
        lineage.putContextType(
            NS, ContextType.newBuilder().setName("Run").build(), TypeUpsert.exact());
    for (int i = 0; i < 5; i++) {
      artifacts.add(
          lineage
              .putArtifacts(
                  NS,
                  List.of(
                      Artifact.newBuilder()
                          .setTypeId(type)
                          .setUri("cairn:snapshot/src" + i)
                          .build()))
              .get(0));
    }
    for (int s = 0; s < 40; s++) {
      List<ArtifactAndEvent> io = new ArrayList<>();
      for (long in :
          new java.util.TreeSet<>(List.of(pick(random, artifacts), pick(random, artifacts)))) {
        io.add(
            ArtifactAndEvent.of(
                Artifact.newBuilder().setId(in).build(),
                Event.newBuilder().setType(Event.Type.INPUT).build()));
      }
      io.add(
          ArtifactAndEvent.of(
              Artifact.newBuilder().setTypeId(type).setUri("cairn:snapshot/s" + s).build(),
              Event.newBuilder().setType(Event.Type.OUTPUT).build()));
      Execution step =
          Execution.newBuilder()
              .setTypeId(stepType)
              .setExternalId("step" + s)
              .putCustomProperties("step", Value.newBuilder().setStringValue("step" + s).build())
              .build();
      var r =
          lineage.putExecution(
              NS, step, io, List.of(Context.newBuilder().setTypeId(runType).setName("r").build()));
      executions.add(r.executionId());
      artifacts.add(r.artifactIds().get(r.artifactIds().size() - 1));
    }
  }

  private static long pick(Random random, List<Long> ids) {
    return ids.get(random.nextInt(ids.size()));
  }

  /** Records a step as cairn step run does, into the server's store. */
  private void record(String run, String step, String in, String out) {
    PipelineTypes types = PipelineTypes.register(lineage, NS);
    Execution execution =
        Execution.newBuilder()
            .setTypeId(types.step())
            .setName(run + "/" + step)
            .setExternalId(run + "/" + step)
            .setLastKnownState(Execution.State.COMPLETE)
            .putCustomProperties(
                StepProperties.STEP, Value.newBuilder().setStringValue(step).build())
            .putCustomProperties(StepProperties.ARGV, StepProperties.argv(List.of(step + ".sh")))
            .build();
    List<ArtifactAndEvent> io = new ArrayList<>();
    io.add(snapshotEvent(types, in, Event.Type.INPUT));
    io.add(snapshotEvent(types, out, Event.Type.OUTPUT));
    Context context =
        Context.newBuilder()
            .setTypeId(types.run())
            .setName(run)
            .setExternalId("run:" + run)
            .build();
    lineage.putExecution(NS, execution, io, List.of(context));
  }

  private static ArtifactAndEvent snapshotEvent(PipelineTypes types, String id, Event.Type type) {
    String uri = LineageStore.SNAPSHOT_URI_PREFIX + id;
    return ArtifactAndEvent.of(
        Artifact.newBuilder().setTypeId(types.snapshot()).setUri(uri).setExternalId(uri).build(),
        Event.newBuilder()
            .setType(type)
            .setPath(Event.Path.newBuilder().addSteps(Event.Path.Step.newBuilder().setKey("port")))
            .build());
  }
}

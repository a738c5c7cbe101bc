package dev.cairn.perf.lineage;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ParentContext;
import dev.cairn.lineage.mlmd.Value;
import dev.cairn.lineage.pipeline.PipelineTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a {@link PipelineGraph} into a {@link LineageStore} one step at a time, with the same
 * records {@code cairn step run} writes (StepRunner): the step's execution with its exit code,
 * command and step name (not its argv and working directory); each snapshot an artifact whose uri
 * is also its external id; INPUT and OUTPUT events; the run and pipeline contexts; then the
 * run-to-pipeline parent link, which StepRunner also writes after every step.
 */
final class RocksLoader {
  private final LineageStore store;
  private final String namespace;

  RocksLoader(LineageStore store, String namespace) {
    this.store = store;
    this.namespace = namespace;
  }

  /** What one call of {@link #load(PipelineGraph, int, int, Progress)} loaded. */
  record Part(int runs, long steps, long writeCalls) {}

  /**
   * @return how many write calls it made
   */
  long load(PipelineGraph graph, Progress progress) {
    return load(graph, 0, Integer.MAX_VALUE, progress).writeCalls();
  }

  /** Loads the runs with index {@code fromRun} (inclusive) to {@code toRun} (exclusive). */
  Part load(PipelineGraph graph, int fromRun, int toRun, Progress progress) {
    PipelineTypes types = PipelineTypes.register(store, namespace);
    long calls = 0;
    long steps = 0;
    int runs = 0;
    for (PipelineGraph.Run run : graph.runs()) {
      if (run.index() < fromRun) {
        continue;
      }
      if (run.index() >= toRun) {
        break;
      }
      for (PipelineGraph.Step step : run.steps()) {
        PutExecutionResult r =
            store.putExecution(
                namespace,
                execution(types, step),
                artifacts(graph, types, step),
                contexts(types, run));
        store.putParentContexts(
            namespace,
            List.of(
                ParentContext.newBuilder()
                    .setChildId(r.contextIds().get(0))
                    .setParentId(r.contextIds().get(1))
                    .build()));
        calls += 2;
        steps++;
        progress.step();
      }
      runs++;
    }
    return new Part(runs, steps, calls);
  }

  private static Execution execution(PipelineTypes types, PipelineGraph.Step step) {
    return Execution.newBuilder()
        .setTypeId(types.step())
        .setName(step.executionName())
        .setExternalId(step.executionName())
        .setLastKnownState(Execution.State.COMPLETE)
        .putCustomProperties("exit_code", Value.newBuilder().setIntValue(0).build())
        .putCustomProperties("command", string("python " + step.name() + ".py"))
        .putCustomProperties("step", string(step.name()))
        .build();
  }

  private static List<ArtifactAndEvent> artifacts(
      PipelineGraph graph, PipelineTypes types, PipelineGraph.Step step) {
    List<ArtifactAndEvent> out = new ArrayList<>();
    for (int i = 0; i < step.inputs().length; i++) {
      long input = step.inputs()[i];
      out.add(
          ArtifactAndEvent.of(
              artifact(types, graph.uri(input)),
              event(Event.Type.INPUT, graph.isSource(input) ? "source" : "previous")));
    }
    out.add(
        ArtifactAndEvent.of(
            artifact(types, graph.uri(step.output())), event(Event.Type.OUTPUT, "out")));
    return out;
  }

  private static List<Context> contexts(PipelineTypes types, PipelineGraph.Run run) {
    String pipeline = PipelineGraph.pipelineName(run.pipeline());
    return List.of(
        Context.newBuilder()
            .setTypeId(types.run())
            .setName(run.name())
            .setExternalId("run:" + run.name())
            .build(),
        Context.newBuilder()
            .setTypeId(types.pipeline())
            .setName(pipeline)
            .setExternalId("pipeline:" + pipeline)
            .build());
  }

  private static Artifact artifact(PipelineTypes types, String uri) {
    return Artifact.newBuilder()
        .setTypeId(types.snapshot())
        .setUri(uri)
        .setExternalId(uri)
        .setState(Artifact.State.LIVE)
        .build();
  }

  private static Event event(Event.Type type, String port) {
    return Event.newBuilder()
        .setType(type)
        .setPath(Event.Path.newBuilder().addSteps(Event.Path.Step.newBuilder().setKey(port)))
        .build();
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}

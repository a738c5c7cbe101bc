package dev.cairn.lineage.pipeline;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads runs back from lineage: which runs exist, and each run's steps with their snapshots. */
public final class RunQueries {
  private final LineageStore lineage;
  private final String namespace;

  public RunQueries(LineageStore lineage, String namespace) {
    this.lineage = lineage;
    this.namespace = namespace;
  }

  /** A run: its name and how many steps it recorded. */
  public record RunSummary(String run, int steps, long createdMillis) {}

  public List<RunSummary> runs() {
    return lineage.getContextsByType(namespace, PipelineTypes.RUN).stream()
        .map(
            c ->
                new RunSummary(
                    c.getName(),
                    lineage.getExecutionsByContext(namespace, c.getId()).size(),
                    c.getCreateTimeSinceEpoch()))
        .toList();
  }

  /** The run's steps in the order they were recorded, with input and output snapshot ids. */
  public List<StepRecord> steps(String run) {
    Context context =
        lineage
            .findContextByTypeAndName(namespace, PipelineTypes.RUN, run)
            .orElseThrow(
                () ->
                    new LineageException.NotFound(
                        "Run " + run + " does not exist in namespace " + namespace));
    return records(run, lineage.getExecutionsByContext(namespace, context.getId()));
  }

  /**
   * The recorded step that wrote the snapshot; when several did (identical outputs dedupe to one
   * snapshot), the latest that completed, else the latest.
   */
  public Optional<StepRecord> producer(String snapshotId) {
    List<Artifact> artifacts =
        lineage.getArtifactsByUri(namespace, LineageStore.SNAPSHOT_URI_PREFIX + snapshotId);
    List<Long> writers =
        lineage
            .getEventsByArtifactIds(namespace, artifacts.stream().map(Artifact::getId).toList())
            .stream()
            .filter(e -> e.getType() == Event.Type.OUTPUT)
            .map(Event::getExecutionId)
            .toList();
    return lineage.getExecutionsByIds(namespace, writers).stream()
        .max(
            Comparator.comparing((Execution e) -> e.getLastKnownState() == Execution.State.COMPLETE)
                .thenComparing(Execution::getId))
        .map(e -> records(runOf(e), List.of(e)).get(0));
  }

  private String runOf(Execution e) {
    return lineage.getContextsByExecution(namespace, e.getId()).stream()
        .filter(c -> c.getType().equals(PipelineTypes.RUN))
        .map(Context::getName)
        .findFirst()
        .orElse("");
  }

  private List<StepRecord> records(String run, List<Execution> executions) {
    List<Event> events =
        lineage.getEventsByExecutionIds(
            namespace, executions.stream().map(Execution::getId).toList());
    Map<Long, Artifact> artifacts = new HashMap<>();
    lineage
        .getArtifactsByIds(namespace, events.stream().map(Event::getArtifactId).distinct().toList())
        .forEach(a -> artifacts.put(a.getId(), a));
    return executions.stream().map(e -> record(run, e, events, artifacts)).toList();
  }

  private static StepRecord record(
      String run, Execution e, List<Event> events, Map<Long, Artifact> artifacts) {
    Map<String, String> in = new TreeMap<>();
    Map<String, String> out = new TreeMap<>();
    for (Event ev : events) {
      if (ev.getExecutionId() != e.getId() || !artifacts.containsKey(ev.getArtifactId())) {
        continue;
      }
      String name = ev.getPath().getStepsCount() > 0 ? ev.getPath().getSteps(0).getKey() : "";
      String id =
          artifacts
              .get(ev.getArtifactId())
              .getUri()
              .substring(LineageStore.SNAPSHOT_URI_PREFIX.length());
      (ev.getType() == Event.Type.INPUT ? in : out).put(name, id);
    }
    return new StepRecord(
        e.getId(),
        run,
        StepProperties.step(e),
        e.getLastKnownState(),
        StepProperties.exitCode(e),
        new TreeMap<>(in),
        new TreeMap<>(out),
        StepProperties.argv(e),
        StepProperties.string(e, StepProperties.WORKING_DIR));
  }
}

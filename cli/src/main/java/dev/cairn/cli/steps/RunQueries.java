package dev.cairn.cli.steps;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.store.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                    new NotFoundException(
                        "Run " + run + " does not exist in namespace " + namespace));
    List<Execution> executions = lineage.getExecutionsByContext(namespace, context.getId());
    List<Event> events =
        lineage.getEventsByExecutionIds(
            namespace, executions.stream().map(Execution::getId).toList());
    Map<Long, Artifact> artifacts = new HashMap<>();
    lineage
        .getArtifactsByIds(namespace, events.stream().map(Event::getArtifactId).distinct().toList())
        .forEach(a -> artifacts.put(a.getId(), a));
    return executions.stream()
        .map(
            e -> {
              Map<String, String> in = new TreeMap<>();
              Map<String, String> out = new TreeMap<>();
              for (Event ev : events) {
                if (ev.getExecutionId() != e.getId()
                    || !artifacts.containsKey(ev.getArtifactId())) {
                  continue;
                }
                String name =
                    ev.getPath().getStepsCount() > 0 ? ev.getPath().getSteps(0).getKey() : "";
                String id =
                    artifacts
                        .get(ev.getArtifactId())
                        .getUri()
                        .substring(LineageStore.SNAPSHOT_URI_PREFIX.length());
                (ev.getType() == Event.Type.INPUT ? in : out).put(name, id);
              }
              Map<String, dev.cairn.lineage.mlmd.Value> props = e.getCustomPropertiesMap();
              String step =
                  props.containsKey("step") ? props.get("step").getStringValue() : e.getName();
              long exit =
                  e.getCustomPropertiesMap().containsKey("exit_code")
                      ? e.getCustomPropertiesMap().get("exit_code").getIntValue()
                      : 0;
              return new StepRecord(
                  e.getId(),
                  run,
                  step,
                  e.getLastKnownState(),
                  exit,
                  new TreeMap<>(in),
                  new TreeMap<>(out));
            })
        .toList();
  }
}

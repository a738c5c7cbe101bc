package dev.cairn.lineage.pipeline;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a snapshot came from: the step that wrote it, the snapshots that step read, the steps that
 * wrote those, and so on back to snapshots no recorded step produced (the sources).
 */
public final class Provenance {
  private final LineageStore lineage;
  private final String namespace;

  public Provenance(LineageStore lineage, String namespace) {
    this.lineage = lineage;
    this.namespace = namespace;
  }

  /** One link of the chain: a step, the snapshot it wrote, and what it read (by port name). */
  public record Link(
      int depth,
      String snapshot,
      String run,
      String step,
      Execution.State state,
      List<String> inputs) {}

  /**
   * Links breadth-first from {@code snapshot}, at most {@code maxHops} steps back; sources have no
   * step.
   */
  public List<Link> of(String snapshot, int maxHops) {
    List<Link> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> frontier = List.of(snapshot);
    for (int depth = 0; depth <= maxHops && !frontier.isEmpty(); depth++) {
      List<String> next = new ArrayList<>();
      for (String id : frontier) {
        if (!seen.add(id)) {
          continue;
        }
        List<Artifact> artifacts =
            lineage.getArtifactsByUri(namespace, LineageStore.SNAPSHOT_URI_PREFIX + id);
        List<Event> writes =
            artifacts.isEmpty()
                ? List.of()
                : lineage
                    .getEventsByArtifactIds(namespace, List.of(artifacts.get(0).getId()))
                    .stream()
                    .filter(e -> e.getType() == Event.Type.OUTPUT)
                    .toList();
        if (writes.isEmpty()) {
          out.add(new Link(depth, id, "", "", Execution.State.UNKNOWN, List.of()));
          continue;
        }
        for (Event write : writes) {
          Execution e =
              lineage.getExecutionsByIds(namespace, List.of(write.getExecutionId())).get(0);
          List<String> inputs = new ArrayList<>();
          for (Event read : lineage.getEventsByExecutionIds(namespace, List.of(e.getId()))) {
            if (read.getType() == Event.Type.INPUT) {
              lineage
                  .getArtifactsByIds(namespace, List.of(read.getArtifactId()))
                  .forEach(
                      a -> {
                        String input =
                            a.getUri().substring(LineageStore.SNAPSHOT_URI_PREFIX.length());
                        inputs.add(input);
                        next.add(input);
                      });
            }
          }
          String run =
              lineage.getContextsByExecution(namespace, e.getId()).stream()
                  .filter(c -> c.getExternalId().startsWith("run:"))
                  .map(c -> c.getName())
                  .findFirst()
                  .orElse("");
          out.add(new Link(depth, id, run, StepProperties.step(e), e.getLastKnownState(), inputs));
        }
      }
      frontier = next;
    }
    return out;
  }
}

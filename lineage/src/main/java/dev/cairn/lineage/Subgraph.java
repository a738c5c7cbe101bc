package dev.cairn.lineage;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import java.util.List;

/** A lineage subgraph: the nodes reached and the events between them, in discovery order. */
public record Subgraph(List<Artifact> artifacts, List<Execution> executions, List<Event> events) {
  public Subgraph {
    artifacts = List.copyOf(artifacts);
    executions = List.copyOf(executions);
    events = List.copyOf(events);
  }
}

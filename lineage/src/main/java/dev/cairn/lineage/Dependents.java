package dev.cairn.lineage;

import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What refers to one node: the events and links a hard delete would break. Reported before a delete
 * and returned by it.
 */
public record Dependents(
    List<Event> events,
    List<Attribution> attributions,
    List<Association> associations,
    List<ParentContext> parentContexts) {
  public Dependents {
    events = List.copyOf(events);
    attributions = List.copyOf(attributions);
    associations = List.copyOf(associations);
    parentContexts = List.copyOf(parentContexts);
  }

  public boolean isEmpty() {
    return events.isEmpty()
        && attributions.isEmpty()
        && associations.isEmpty()
        && parentContexts.isEmpty();
  }

  /**
   * A one-line summary, such as {@code 1 event (INPUT artifact 7 execution 4), 1 attribution
   * (artifact 7 in context 2)}; at most five edges of each kind are listed.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    part(
        parts,
        events,
        "event",
        e -> e.getType() + " artifact " + e.getArtifactId() + " execution " + e.getExecutionId());
    part(
        parts,
        attributions,
        "attribution",
        a -> "artifact " + a.getArtifactId() + " in context " + a.getContextId());
    part(
        parts,
        associations,
        "association",
        a -> "execution " + a.getExecutionId() + " in context " + a.getContextId());
    part(
        parts,
        parentContexts,
        "parent link",
        p -> "context " + p.getChildId() + " child of " + p.getParentId());
    return parts.isEmpty() ? "nothing" : String.join(", ", parts);
  }

  private static <T> void part(
      List<String> parts, List<T> edges, String noun, Function<T, String> show) {
    if (edges.isEmpty()) {
      return;
    }
    String shown = edges.stream().limit(5).map(show).collect(Collectors.joining(", "));
    parts.add(
        edges.size()
            + " "
            + noun
            + (edges.size() == 1 ? "" : "s")
            + " ("
            + shown
            + (edges.size() > 5 ? ", ..." : "")
            + ")");
  }
}

package dev.cairn.lineage;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import java.util.Objects;
import java.util.Optional;

/**
 * An artifact to upsert with an execution, and optionally the event linking the two (MLMD's
 * PutExecutionRequest.ArtifactAndEvent). The event's artifact and execution ids are filled in by
 * the store.
 */
public record ArtifactAndEvent(Artifact artifact, Optional<Event> event) {
  public ArtifactAndEvent {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(event, "event");
  }

  public static ArtifactAndEvent of(Artifact artifact, Event event) {
    return new ArtifactAndEvent(artifact, Optional.of(event));
  }

  public static ArtifactAndEvent withoutEvent(Artifact artifact) {
    return new ArtifactAndEvent(artifact, Optional.empty());
  }
}

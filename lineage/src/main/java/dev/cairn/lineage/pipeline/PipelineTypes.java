package dev.cairn.lineage.pipeline;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.ExecutionType;

/** The lineage types Cairn records pipeline steps with; registered idempotently per namespace. */
public record PipelineTypes(long snapshot, long step, long run, long pipeline) {
  public static final String SNAPSHOT = "cairn.Snapshot";
  public static final String STEP = "cairn.Step";
  public static final String RUN = "cairn.Run";
  public static final String PIPELINE = "cairn.Pipeline";

  public static PipelineTypes register(LineageStore store, String namespace) {
    TypeUpsert evolve = TypeUpsert.evolve();
    return new PipelineTypes(
        store.putArtifactType(
            namespace, ArtifactType.newBuilder().setName(SNAPSHOT).build(), evolve),
        store.putExecutionType(namespace, ExecutionType.newBuilder().setName(STEP).build(), evolve),
        store.putContextType(namespace, ContextType.newBuilder().setName(RUN).build(), evolve),
        store.putContextType(
            namespace, ContextType.newBuilder().setName(PIPELINE).build(), evolve));
  }
}

package dev.cairn.lineage.rocks;

import com.google.protobuf.Message;
import dev.cairn.lineage.filter.FilterNode;
import dev.cairn.lineage.filter.FilterNodes;
import dev.cairn.lineage.filter.Neighbors;
import dev.cairn.lineage.filter.Target;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Execution;
import java.util.function.BiFunction;

/** A node kind as listings and filters see it: storage, filter target and filter adapter. */
record ListableKind<T extends Message>(
    NodeKind<T> node, Target target, BiFunction<T, Neighbors, FilterNode> adapter) {
  static final ListableKind<Artifact> ARTIFACTS =
      new ListableKind<>(NodeKind.ARTIFACT, Target.ARTIFACT, FilterNodes::artifact);
  static final ListableKind<Execution> EXECUTIONS =
      new ListableKind<>(NodeKind.EXECUTION, Target.EXECUTION, FilterNodes::execution);
  static final ListableKind<Context> CONTEXTS =
      new ListableKind<>(NodeKind.CONTEXT, Target.CONTEXT, FilterNodes::context);

  FilterNode adapt(T node, Neighbors neighbors) {
    return adapter.apply(node, neighbors);
  }
}

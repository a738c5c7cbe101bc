package dev.cairn.lineage;

import java.util.List;

/** Ids assigned or matched by {@link LineageStore#putExecution}, in request order. */
public record PutExecutionResult(long executionId, List<Long> artifactIds, List<Long> contextIds) {
  public PutExecutionResult {
    artifactIds = List.copyOf(artifactIds);
    contextIds = List.copyOf(contextIds);
  }
}

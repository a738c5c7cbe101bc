package dev.cairn.cli.steps;

import dev.cairn.lineage.mlmd.Execution;
import java.util.SortedMap;
import java.util.TreeMap;

/** One recorded step: its state, exit code, and the snapshots it read and wrote, by name. */
public record StepRecord(
    long executionId,
    String run,
    String step,
    Execution.State state,
    long exitCode,
    SortedMap<String, String> inputs,
    SortedMap<String, String> outputs) {
  public StepRecord {
    inputs = new TreeMap<>(inputs);
    outputs = new TreeMap<>(outputs);
  }
}

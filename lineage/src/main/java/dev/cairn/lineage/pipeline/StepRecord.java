package dev.cairn.lineage.pipeline;

import dev.cairn.lineage.mlmd.Execution;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One recorded step: its state, exit code, the snapshots it read and wrote (by port name), and the
 * command it ran, where.
 */
public record StepRecord(
    long executionId,
    String run,
    String step,
    Execution.State state,
    long exitCode,
    SortedMap<String, String> inputs,
    SortedMap<String, String> outputs,
    List<String> argv,
    String workingDir) {
  public StepRecord {
    inputs = new TreeMap<>(inputs);
    outputs = new TreeMap<>(outputs);
    argv = List.copyOf(argv);
  }
}

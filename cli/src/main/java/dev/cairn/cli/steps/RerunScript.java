package dev.cairn.cli.steps;

import dev.cairn.lineage.pipeline.StepRecord;
import java.util.Map;

/**
 * A POSIX shell script that runs a recorded step again: the same argv, in the recorded working
 * directory (or {@code $CAIRN_WORKDIR}), with the environment {@code cairn step run} gave it,
 * inputs and outputs pointing next to the script.
 */
public final class RerunScript {
  private RerunScript() {}

  /**
   * The script for {@code step}, whose inputs are in {@code inputs/<dir>}, outputs in {@code
   * outputs/<dir>}.
   */
  public static String render(
      StepRecord step, Map<String, String> inputDirs, Map<String, String> outputDirs) {
    StringBuilder sh = new StringBuilder();
    sh.append("#!/bin/sh\n");
    sh.append("# Runs step ")
        .append(oneLine(step.step()))
        .append(" of run ")
        .append(oneLine(step.run()))
        .append(" (execution ")
        .append(step.executionId())
        .append(") again on its recorded inputs.\n");
    step.outputs()
        .forEach(
            (port, snapshot) ->
                sh.append("# It wrote ")
                    .append(oneLine(port))
                    .append(" = snapshot ")
                    .append(snapshot)
                    .append(".\n"));
    sh.append("set -e\n");
    sh.append("here=$(cd \"$(dirname \"$0\")\" && pwd)\n");
    sh.append("export CAIRN_RUN=").append(ShellWords.quote(step.run())).append('\n');
    sh.append("export CAIRN_STEP=").append(ShellWords.quote(step.step())).append('\n');
    inputDirs.forEach(
        (port, dir) -> export(sh, StepRunner.variable("INPUT", port), "inputs/" + dir));
    outputDirs.forEach(
        (port, dir) -> export(sh, StepRunner.variable("OUTPUT", port), "outputs/" + dir));
    outputDirs
        .values()
        .forEach(dir -> sh.append("mkdir -p \"$here/outputs/").append(dir).append("\"\n"));
    sh.append("workdir=")
        .append(ShellWords.quote(step.workingDir().isEmpty() ? "." : step.workingDir()))
        .append('\n');
    sh.append("cd \"${CAIRN_WORKDIR:-$workdir}\"\n");
    sh.append("exec ").append(ShellWords.join(step.argv())).append('\n');
    return sh.toString();
  }

  private static void export(StringBuilder sh, String variable, String relative) {
    sh.append("export ").append(variable).append("=\"$here/").append(relative).append("\"\n");
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]", " ");
  }
}

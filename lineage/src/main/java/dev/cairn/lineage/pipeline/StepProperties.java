package dev.cairn.lineage.pipeline;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.Value;
import java.util.List;
import java.util.Map;

/**
 * The custom properties a recorded step's execution carries. {@code cairn step run} writes them and
 * the run and provenance queries read them back, so their names live in one place.
 */
public final class StepProperties {
  /** The step's name within its run. */
  public static final String STEP = "step";

  public static final String EXIT_CODE = "exit_code";

  /** The command line, quoted for a POSIX shell, for people to read. */
  public static final String COMMAND = "command";

  /** The exact argument vector, as a struct {@code {"argv": [...]}}, so no quoting is lost. */
  public static final String ARGV = "argv";

  public static final String WORKING_DIR = "working_dir";

  private StepProperties() {}

  /** The {@link #ARGV} value for a command. */
  public static Value argv(List<String> command) {
    ListValue.Builder list = ListValue.newBuilder();
    command.forEach(a -> list.addValues(com.google.protobuf.Value.newBuilder().setStringValue(a)));
    return Value.newBuilder()
        .setStructValue(
            Struct.newBuilder()
                .putFields(ARGV, com.google.protobuf.Value.newBuilder().setListValue(list).build()))
        .build();
  }

  /** The argument vector recorded by {@link #argv(List)}; empty if there is none. */
  public static List<String> argv(Execution execution) {
    Value v = execution.getCustomPropertiesMap().get(ARGV);
    if (v == null || !v.hasStructValue()) {
      return List.of();
    }
    com.google.protobuf.Value list = v.getStructValue().getFieldsMap().get(ARGV);
    return list == null
        ? List.of()
        : list.getListValue().getValuesList().stream()
            .map(com.google.protobuf.Value::getStringValue)
            .toList();
  }

  /** The step's name: its {@link #STEP} property, else (for executions not ours) its name. */
  public static String step(Execution execution) {
    Map<String, Value> props = execution.getCustomPropertiesMap();
    return props.containsKey(STEP) ? props.get(STEP).getStringValue() : execution.getName();
  }

  /** A string property, or {@code ""} when the execution does not have it. */
  public static String string(Execution execution, String name) {
    Value v = execution.getCustomPropertiesMap().get(name);
    return v == null ? "" : v.getStringValue();
  }

  /** The exit code, or 0 when none was recorded. */
  public static long exitCode(Execution execution) {
    Value v = execution.getCustomPropertiesMap().get(EXIT_CODE);
    return v == null ? 0 : v.getIntValue();
  }
}

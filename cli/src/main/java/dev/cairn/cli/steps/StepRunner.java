package dev.cairn.cli.steps;

import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ParentContext;
import dev.cairn.lineage.mlmd.Value;
import dev.cairn.lineage.pipeline.PipelineTypes;
import dev.cairn.lineage.pipeline.StepProperties;
import dev.cairn.lineage.pipeline.StepRecord;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs one pipeline step: snapshots (or resolves) its inputs, runs the command with inputs and
 * outputs in environment variables, snapshots its outputs, and records the execution with its INPUT
 * and OUTPUT events and its run (and pipeline) context in one atomic lineage write.
 */
public final class StepRunner {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

  private final String namespace;

  public StepRunner(String namespace) {
    this.namespace = namespace;
  }

  /** One {@code NAME=VALUE} argument. */
  public record Binding(String name, String value) {
    public static Binding parse(String arg, String option) {
      int eq = arg.indexOf('=');
      if (eq <= 0 || eq == arg.length() - 1 || !NAME.matcher(arg.substring(0, eq)).matches()) {
        throw new InvalidArgumentException(
            "Invalid "
                + option
                + " '"
                + arg
                + "': expected NAME=VALUE with NAME a letter then letters, digits or '_'");
      }
      return new Binding(arg.substring(0, eq), arg.substring(eq + 1));
    }
  }

  /** What a step's command gets: its environment, and the snapshots of its inputs. */
  public record Prepared(Map<String, String> env, Map<String, ObjectId> inputs) {}

  /**
   * Snapshots path inputs and restores snapshot inputs into {@code scratch}; creates output
   * directories. The repository is needed only here and in {@link #finish}, not while the command
   * runs, so parallel steps on one machine do not wait for each other's commands.
   */
  public Prepared prepare(
      Repository repo,
      String run,
      String step,
      List<Binding> inputs,
      List<Binding> outputs,
      Path scratch)
      throws IOException {
    if (run.isBlank() || step.isBlank()) {
      throw new InvalidArgumentException("A step needs --run and --step");
    }
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, ObjectId> inputSnapshots = new TreeMap<>();
    for (Binding in : inputs) {
      Path path = Path.of(in.value());
      ObjectId id;
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        id = snapshot(repo, path, step, "in", in.name(), run);
        env.put(variable("INPUT", in.name()), path.toAbsolutePath().toString());
      } else {
        id = repo.resolve(in.value());
        Path restored = scratch.resolve("inputs").resolve(in.name());
        repo.restore(id, "", restored, Progress.NONE);
        env.put(variable("INPUT", in.name()), restored.toString());
      }
      inputSnapshots.put(in.name(), id);
    }
    for (Binding out : outputs) {
      Path path = Path.of(out.value()).toAbsolutePath();
      Files.createDirectories(path);
      env.put(variable("OUTPUT", out.name()), path.toString());
    }
    env.put("CAIRN_RUN", run);
    env.put("CAIRN_STEP", step);
    return new Prepared(env, inputSnapshots);
  }

  /**
   * Runs the command with the prepared environment, its output going to ours; returns its exit
   * code.
   */
  public static int execute(List<String> command, Prepared prepared) throws InterruptedException {
    if (command.isEmpty()) {
      throw new InvalidArgumentException("A step needs a command after --");
    }
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().putAll(prepared.env());
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new InvalidArgumentException("Cannot run " + command.get(0) + ": " + e.getMessage());
    }
  }

  /** Snapshots the outputs and records the step in one atomic lineage write. */
  public StepRecord finish(
      Repository repo,
      LineageStore lineage,
      String run,
      String pipeline,
      String step,
      Prepared prepared,
      List<Binding> outputs,
      List<String> command,
      int exit) {
    Map<String, ObjectId> outputSnapshots = new TreeMap<>();
    for (Binding out : outputs) {
      outputSnapshots.put(
          out.name(), snapshot(repo, Path.of(out.value()), step, "out", out.name(), run));
    }
    return record(lineage, run, pipeline, step, exit, command, prepared.inputs(), outputSnapshots);
  }

  private ObjectId snapshot(
      Repository repo, Path dir, String step, String direction, String name, String run) {
    // One ref per step and port, so each output's history across runs is a ref's history.
    RefName ref = new RefName(namespace, refSafe(step + "." + direction + "." + name));
    return repo.snapshot(
            SnapshotRequest.of(dir, ref)
                .withKind(SnapshotKind.DATASET)
                .withLabels(
                    Map.of(
                        "cairn.run", run, "cairn.step", step, "cairn.port", direction + ":" + name))
                .withMessage("step " + step + " of run " + run))
        .snapshot()
        .id();
  }

  private StepRecord record(
      LineageStore lineage,
      String run,
      String pipeline,
      String step,
      int exit,
      List<String> command,
      Map<String, ObjectId> inputs,
      Map<String, ObjectId> outputs) {
    PipelineTypes types = PipelineTypes.register(lineage, namespace);
    Execution.State state = exit == 0 ? Execution.State.COMPLETE : Execution.State.FAILED;
    Execution execution =
        Execution.newBuilder()
            .setTypeId(types.step())
            .setName(run + "/" + step)
            .setExternalId(run + "/" + step)
            .setLastKnownState(state)
            .putCustomProperties(
                StepProperties.EXIT_CODE, Value.newBuilder().setIntValue(exit).build())
            .putCustomProperties(
                StepProperties.COMMAND,
                Value.newBuilder().setStringValue(ShellWords.join(command)).build())
            .putCustomProperties(StepProperties.ARGV, StepProperties.argv(command))
            .putCustomProperties(
                StepProperties.WORKING_DIR,
                Value.newBuilder().setStringValue(System.getProperty("user.dir")).build())
            .putCustomProperties(
                StepProperties.STEP, Value.newBuilder().setStringValue(step).build())
            .build();
    List<ArtifactAndEvent> artifacts = new ArrayList<>();
    inputs.forEach(
        (name, id) ->
            artifacts.add(ArtifactAndEvent.of(artifact(types, id), event(Event.Type.INPUT, name))));
    outputs.forEach(
        (name, id) ->
            artifacts.add(
                ArtifactAndEvent.of(artifact(types, id), event(Event.Type.OUTPUT, name))));
    List<Context> contexts = new ArrayList<>();
    contexts.add(
        Context.newBuilder()
            .setTypeId(types.run())
            .setName(run)
            .setExternalId("run:" + run)
            .build());
    if (!pipeline.isBlank()) {
      contexts.add(
          Context.newBuilder()
              .setTypeId(types.pipeline())
              .setName(pipeline)
              .setExternalId("pipeline:" + pipeline)
              .build());
    }
    PutExecutionResult r = lineage.putExecution(namespace, execution, artifacts, contexts);
    if (r.contextIds().size() == 2) {
      lineage.putParentContexts(
          namespace,
          List.of(
              ParentContext.newBuilder()
                  .setChildId(r.contextIds().get(0))
                  .setParentId(r.contextIds().get(1))
                  .build()));
    }
    Map<String, String> in = new TreeMap<>();
    inputs.forEach((k, v) -> in.put(k, v.toString()));
    Map<String, String> out = new TreeMap<>();
    outputs.forEach((k, v) -> out.put(k, v.toString()));
    return new StepRecord(
        r.executionId(),
        run,
        step,
        state,
        exit,
        new TreeMap<>(in),
        new TreeMap<>(out),
        command,
        System.getProperty("user.dir"));
  }

  private static Artifact artifact(PipelineTypes types, ObjectId snapshot) {
    String uri = LineageStore.SNAPSHOT_URI_PREFIX + snapshot;
    // The uri is the external id too: one artifact per snapshot, shared by every step that uses it.
    return Artifact.newBuilder()
        .setTypeId(types.snapshot())
        .setUri(uri)
        .setExternalId(uri)
        .setState(Artifact.State.LIVE)
        .build();
  }

  private static Event event(Event.Type type, String name) {
    return Event.newBuilder()
        .setType(type)
        .setPath(Event.Path.newBuilder().addSteps(Event.Path.Step.newBuilder().setKey(name)))
        .build();
  }

  static String variable(String kind, String name) {
    return "CAIRN_" + kind + "_" + name.toUpperCase(Locale.ROOT);
  }

  static String refSafe(String s) {
    String cleaned = s.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "_");
    if (!Character.isLetterOrDigit(cleaned.charAt(0))) {
      cleaned = "s" + cleaned;
    }
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }

  /** Deletes restored inputs after the step. */
  public static void deleteScratch(Path scratch) {
    if (!Files.exists(scratch)) {
      return;
    }
    try (var paths = Files.walk(scratch)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + scratch, e);
    }
  }
}

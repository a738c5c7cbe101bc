package dev.cairn.perf.lineage;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A deterministic pipeline-like lineage graph: a few pipelines, each a fixed chain of 8 to 12
 * steps, and runs of them. Step i of a run reads step i-1's output; the first step, and about a
 * third of the others (which ones is fixed per pipeline), also read one of a few hundred shared
 * source snapshots, so runs join at their sources. Every step writes one new snapshot.
 *
 * <p>Ids here are the graph's own, dense from 1 per kind (sources take artifact ids 1..sources;
 * pipelines take context ids 1..pipelines); a store may assign others. The same seed and size give
 * the same graph, run by run, every time {@link #runs} is called.
 */
final class PipelineGraph {
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] STEP_NAMES = {
    "ingest", "validate", "clean", "featurize", "split", "train",
    "tune", "evaluate", "calibrate", "package", "register", "deploy"
  };

  /** How big and which graph: generation stops before the run that would pass {@code nodes}. */
  record Shape(long seed, long nodes, int sources, int pipelines) {
    Shape {
      if (nodes < 1 || sources < 1 || pipelines < 1) {
        throw new IllegalArgumentException("Cannot shape a lineage graph from " + this);
      }
    }
  }

  /** One step: its execution, the artifacts it reads (previous output first) and its output. */
  record Step(long executionId, String name, String executionName, long[] inputs, long output) {}

  /** One run of a pipeline. */
  record Run(int index, String name, int pipeline, long contextId, List<Step> steps) {
    Step last() {
      return steps.get(steps.size() - 1);
    }
  }

  /** A pipeline: its step count and which steps (after the first) also read a source. */
  private record Pipeline(int steps, boolean[] readsSource) {}

  private final Shape shape;
  private final List<Pipeline> pipelines = new ArrayList<>();

  PipelineGraph(Shape shape) {
    this.shape = shape;
    SplittableRandom rnd = new SplittableRandom(shape.seed());
    for (int p = 0; p < shape.pipelines(); p++) {
      int steps = 8 + rnd.nextInt(5);
      boolean[] readsSource = new boolean[steps];
      readsSource[0] = true;
      for (int i = 1; i < steps; i++) {
        readsSource[i] = rnd.nextInt(3) == 0;
      }
      pipelines.add(new Pipeline(steps, readsSource));
    }
  }

  Shape shape() {
    return shape;
  }

  /** Counts of the whole graph; nodes are artifacts, executions and contexts. */
  record Totals(int runs, long steps, long nodes) {}

  Totals totals() {
    RunIterator it = new RunIterator();
    int runs = 0;
    long steps = 0;
    while (it.hasNext()) {
      runs++;
      steps += it.next().steps().size();
    }
    return new Totals(runs, steps, it.nodes);
  }

  /**
   * The index of the first of the last runs that together hold at least {@code steps} steps (0 if
   * the graph holds no more than that).
   */
  int firstOfLastRuns(long steps) {
    List<Integer> sizes = new ArrayList<>();
    for (Run run : runs()) {
      sizes.add(run.steps().size());
    }
    long tail = 0;
    int first = sizes.size();
    while (first > 0 && tail < steps) {
      tail += sizes.get(--first);
    }
    return first;
  }

  /** The runs in order; each call starts again from the first. */
  Iterable<Run> runs() {
    return RunIterator::new;
  }

  /** Context id of pipeline {@code p} (0-based). */
  static long pipelineContextId(int p) {
    return p + 1L;
  }

  static String pipelineName(int p) {
    return String.format("pipeline-%02d", p);
  }

  /** A snapshot uri with 64 hex digits, like a real snapshot id, unique per artifact id. */
  String uri(long artifactId) {
    SplittableRandom rnd = new SplittableRandom(shape.seed() * 1_000_003L + artifactId);
    byte[] id = new byte[32];
    for (int i = 0; i < id.length; i += 8) {
      long v = rnd.nextLong();
      for (int b = 0; b < 8; b++) {
        id[i + b] = (byte) (v >>> (8 * b));
      }
    }
    return "cairn:snapshot/" + HEX.formatHex(id);
  }

  boolean isSource(long artifactId) {
    return artifactId <= shape.sources();
  }

  private final class RunIterator implements Iterator<Run> {
    private final SplittableRandom rnd = new SplittableRandom(shape.seed() ^ 0x5DEECE66DL);
    private final boolean[] sourceSeen = new boolean[shape.sources()];
    private final boolean[] pipelineSeen = new boolean[shape.pipelines()];
    private long nodes;
    private long nextExecution = 1;
    private long nextOutput = shape.sources() + 1L;
    private int nextRun;
    private Run next = make();

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Run next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Run r = next;
      next = make();
      return r;
    }

    /** The next run, or null if it would take the graph past its size (the first always fits). */
    private Run make() {
      int p = rnd.nextInt(pipelines.size());
      Pipeline pipeline = pipelines.get(p);
      long[] sources = new long[pipeline.steps()];
      long added = 1 + 2L * pipeline.steps() + (pipelineSeen[p] ? 0 : 1);
      for (int i = 0; i < sources.length; i++) {
        if (pipeline.readsSource()[i]) {
          sources[i] = 1 + rnd.nextInt(shape.sources());
        }
      }
      for (int i = 0; i < sources.length; i++) {
        // A source read twice in one run is still one node.
        if (sources[i] > 0 && !sourceSeen[(int) sources[i] - 1]) {
          boolean firstInRun = true;
          for (int j = 0; j < i; j++) {
            firstInRun &= sources[j] != sources[i];
          }
          added += firstInRun ? 1 : 0;
        }
      }
      if (nextRun > 0 && nodes + added > shape.nodes()) {
        return null;
      }
      nodes += added;
      pipelineSeen[p] = true;
      String name = String.format("run-%06d", nextRun);
      List<Step> steps = new ArrayList<>(pipeline.steps());
      long previous = 0;
      for (int i = 0; i < pipeline.steps(); i++) {
        long[] inputs;
        if (i == 0) {
          inputs = new long[] {sources[0]};
        } else if (sources[i] > 0) {
          inputs = new long[] {previous, sources[i]};
        } else {
          inputs = new long[] {previous};
        }
        if (sources[i] > 0) {
          sourceSeen[(int) sources[i] - 1] = true;
        }
        long output = nextOutput++;
        String stepName = STEP_NAMES[i];
        steps.add(new Step(nextExecution++, stepName, name + "/" + stepName, inputs, output));
        previous = output;
      }
      long contextId = shape.pipelines() + 1L + nextRun;
      return new Run(nextRun++, name, p, contextId, List.copyOf(steps));
    }
  }
}

package dev.cairn.perf;

import dev.cairn.cli.WorkingSet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code GenerateDataset DIR [bench|demo] [SEED]}: writes the deterministic ML-like working set
 * into DIR; another seed gives a set of the same shape that shares no content with it.
 */
public final class GenerateDataset {
  /** Fixed, so every run and every tool sees the same bytes. */
  static final long SEED = 42;

  private GenerateDataset() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: GenerateDataset DIR [bench|demo] [SEED]");
      System.exit(2);
    }
    WorkingSet.Scale scale = scale(args.length > 1 ? args[1] : "bench");
    long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
    new WorkingSet(Path.of(args[0]), seed).generate(scale);
    System.out.printf("generated about %d MiB in %s%n", scale.totalBytes() >> 20, args[0]);
  }

  static WorkingSet.Scale scale(String name) {
    return switch (name) {
      case "bench" -> WorkingSet.Scale.BENCH;
      case "demo" -> WorkingSet.Scale.DEMO;
      default ->
          throw new IllegalArgumentException(
              "Unknown scale '" + name + "': expected bench or demo");
    };
  }
}

package dev.cairn.perf;

import dev.cairn.cli.WorkingSet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code MutateDataset DIR [bench|demo]}: changes about 1% of a set made by {@link
 * GenerateDataset}.
 */
public final class MutateDataset {
  private MutateDataset() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: MutateDataset DIR [bench|demo]");
      System.exit(2);
    }
    WorkingSet.Scale scale = GenerateDataset.scale(args.length > 1 ? args[1] : "bench");
    new WorkingSet(Path.of(args[0]), GenerateDataset.SEED)
        .mutate(scale)
        .forEach(System.out::println);
  }
}

package dev.cairn.perf;

import dev.cairn.cli.WorkingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Input buffers for the kernels, made from the same generator as the end-to-end data set. */
final class Samples {
  private Samples() {}

  /** Incompressible bytes, like model weights. */
  static byte[] random(int length, long seed) {
    byte[] out = new byte[length];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      out[i] = (byte) rnd.nextInt(256);
    }
    return out;
  }

  /** The first {@code length} bytes of a CSV part written by {@link WorkingSet}. */
  static byte[] csv(int length) {
    try {
      Path dir = Files.createTempDirectory("cairn-perf-");
      try {
        // One CSV file and nothing else worth mentioning: no weights, no sources.
        new WorkingSet(dir, 42).generate(new WorkingSet.Scale(0, 0, 1, length, 0));
        return Arrays.copyOf(Files.readAllBytes(dir.resolve("data/part-001.csv")), length);
      } finally {
        deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make CSV sample", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}

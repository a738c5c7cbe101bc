package dev.cairn.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Generates an ML-like working set, deterministic for a seed: incompressible model weights, a
 * compressible CSV data set, many small source files, a symlink and an empty directory; and mutates
 * about 1% of it the way real work does (in-place edit, mid-file insert, append, small-file edits,
 * adds, deletes). Used by {@code cairn demo} and the benchmark harness.
 */
public final class WorkingSet {
  /** How big a working set to make. */
  public record Scale(
      int weightFiles,
      long bytesPerWeightFile,
      int csvFiles,
      long bytesPerCsvFile,
      int sourceFiles) {
    public static final Scale DEMO = new Scale(3, 8L << 20, 2, 8L << 20, 400);

    /** About 1 GiB: 512 MiB of weights, 448 MiB of CSV, 20,000 source files. */
    public static final Scale BENCH = new Scale(4, 128L << 20, 4, 112L << 20, 20_000);

    public long totalBytes() {
      return weightFiles * bytesPerWeightFile + csvFiles * bytesPerCsvFile + sourceFiles * 3000L;
    }
  }

  private final Path root;
  private final long seed;

  public WorkingSet(Path root, long seed) {
    this.root = root;
    this.seed = seed;
  }

  public void generate(Scale scale) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    Files.createDirectories(root.resolve("model"));
    for (int i = 1; i <= scale.weightFiles(); i++) {
      writeRandom(
          root.resolve(String.format("model/weights-%05d-of-%05d.bin", i, scale.weightFiles())),
          scale.bytesPerWeightFile(),
          rnd.split());
    }
    Files.createSymbolicLink(
        root.resolve("model/latest.bin"),
        Path.of(String.format("weights-%05d-of-%05d.bin", 1, scale.weightFiles())));
    Files.writeString(
        root.resolve("model/config.json"),
        "{\"layers\": 24, \"hidden\": 1024, \"heads\": 16, \"dtype\": \"float16\"}\n");
    Files.createDirectories(root.resolve("data"));
    for (int i = 1; i <= scale.csvFiles(); i++) {
      writeCsv(
          root.resolve(String.format("data/part-%03d.csv", i)),
          scale.bytesPerCsvFile(),
          rnd.split());
    }
    for (int i = 0; i < scale.sourceFiles(); i++) {
      Path p = sourcePath(i);
      Files.createDirectories(p.getParent());
      Files.writeString(p, sourceText(i, rnd.split()));
    }
    Files.createDirectories(root.resolve("logs"));
    Files.writeString(
        root.resolve("README.md"), "# Experiment\n\nA generated working set for Cairn.\n");
  }

  /** Changes about 1% of the bytes; returns a line per change. */
  public List<String> mutate(Scale scale) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x1234_5678L);
    List<String> changes = new ArrayList<>();
    long target = scale.totalBytes() / 100;
    long weightEdit = Math.max(64 << 10, target / 2);
    Path weights =
        root.resolve(
            String.format(
                "model/weights-%05d-of-%05d.bin", scale.weightFiles(), scale.weightFiles()));
    try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
      long at = f.length() / 3;
      byte[] buf = new byte[(int) weightEdit];
      fill(buf, rnd);
      f.seek(at);
      f.write(buf);
    }
    changes.add("edited " + weightEdit + " bytes in place in " + root.relativize(weights));
    Path csv = root.resolve("data/part-001.csv");
    byte[] content = Files.readAllBytes(csv);
    int mid = content.length / 2;
    while (mid < content.length && content[mid - 1] != '\n') {
      mid++;
    }
    byte[] inserted = csvRows(4 << 10, rnd);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv))) {
      out.write(content, 0, mid);
      out.write(inserted);
      out.write(content, mid, content.length - mid);
    }
    changes.add("inserted " + inserted.length + " bytes mid-file in " + root.relativize(csv));
    Path appendTo = root.resolve(String.format("data/part-%03d.csv", scale.csvFiles()));
    byte[] appended = csvRows((int) Math.max(4 << 10, target / 4), rnd);
    Files.write(appendTo, appended, java.nio.file.StandardOpenOption.APPEND);
    changes.add("appended " + appended.length + " bytes to " + root.relativize(appendTo));
    int edits = Math.max(2, scale.sourceFiles() / 100);
    for (int i = 0; i < edits; i++) {
      Path p = sourcePath((int) ((i * 7919L) % scale.sourceFiles()));
      if (Files.exists(p)) {
        Files.writeString(p, "# edited\n" + Files.readString(p) + "\n# more work\n");
      }
    }
    changes.add("edited " + edits + " source files");
    int adds = Math.max(1, scale.sourceFiles() / 400);
    for (int i = 0; i < adds; i++) {
      Path p = root.resolve("src/new/module_" + i + ".py");
      Files.createDirectories(p.getParent());
      Files.writeString(p, sourceText(scale.sourceFiles() + i, rnd.split()));
    }
    changes.add("added " + adds + " source files");
    int deletes = Math.max(1, scale.sourceFiles() / 400);
    for (int i = 0; i < deletes; i++) {
      Files.deleteIfExists(sourcePath(scale.sourceFiles() - 1 - i * 3));
    }
    changes.add("deleted " + deletes + " source files");
    return changes;
  }

  /** Relative path -> SHA-256 hex of every regular file, and "-> target" for symlinks. */
  public static java.util.SortedMap<String, String> manifest(Path dir) throws IOException {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          out.put(rel, sha256(p));
        } else if (Files.isDirectory(p) && !rel.isEmpty()) {
          out.put(rel + "/", "dir");
        }
      }
    }
    return out;
  }

  private static String sha256(Path p) throws IOException {
    java.security.MessageDigest md = dev.cairn.store.ObjectId.sha256();
    try (var in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  private Path sourcePath(int i) {
    return root.resolve(
        String.format("src/pkg%03d/mod%02d/file_%05d.py", i / 500, (i / 25) % 20, i));
  }

  private static String sourceText(int i, SplittableRandom rnd) {
    StringBuilder sb =
        new StringBuilder("\"\"\"Module ").append(i).append(".\"\"\"\nimport numpy as np\n\n");
    int functions = 3 + rnd.nextInt(8);
    for (int f = 0; f < functions; f++) {
      sb.append("def step_")
          .append(f)
          .append("(x, lr=")
          .append(rnd.nextInt(1, 100) / 1000.0)
          .append("):\n")
          .append("    y = np.tanh(x * ")
          .append(rnd.nextInt(1000))
          .append(")\n")
          .append("    return y - lr * np.mean(y, axis=")
          .append(rnd.nextInt(3))
          .append(")\n\n");
    }
    return sb.toString();
  }

  private static void writeRandom(Path p, long size, SplittableRandom rnd) throws IOException {
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(p)) {
      for (long done = 0; done < size; done += buf.length) {
        fill(buf, rnd);
        out.write(buf, 0, (int) Math.min(buf.length, size - done));
      }
    }
  }

  private static void fill(byte[] buf, SplittableRandom rnd) {
    for (int i = 0; i + 8 <= buf.length; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8; k++) {
        buf[i + k] = (byte) (v >>> (8 * k));
      }
    }
  }

  private static void writeCsv(Path p, long size, SplittableRandom rnd) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
      byte[] header = "id,f0,f1,f2,f3,f4,f5,f6,f7,label\n".getBytes(StandardCharsets.US_ASCII);
      out.write(header);
      long written = header.length;
      while (written < size) {
        byte[] rows = csvRows(1 << 16, rnd);
        out.write(rows);
        written += rows.length;
      }
    }
  }

  private static byte[] csvRows(int approxBytes, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder(approxBytes + 128);
    while (sb.length() < approxBytes) {
      sb.append(rnd.nextInt(1_000_000));
      for (int f = 0; f < 8; f++) {
        int v = rnd.nextInt(200_000) - 100_000;
        int a = Math.abs(v);
        int frac = a % 10_000;
        sb.append(',').append(v < 0 ? "-" : "").append(a / 10_000).append('.');
        for (int pad = 1000; pad > 1 && frac < pad; pad /= 10) {
          sb.append('0');
        }
        sb.append(frac);
      }
      sb.append(',').append(rnd.nextInt(10)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }
}

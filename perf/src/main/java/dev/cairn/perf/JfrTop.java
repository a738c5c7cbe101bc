package dev.cairn.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code JfrTop [-n N] FILE.jfr...}: the hottest code of one or more recordings (several short runs
 * of the same command add up to enough samples). For Java samples (jdk.ExecutionSample) and threads
 * in native code (jdk.NativeMethodSample: zstd, RocksDB, file I/O) it prints the top frames by self
 * samples, each sample charged to its innermost Cairn method (who asked for the work), Cairn
 * methods by inclusive samples, and samples per thread.
 */
public final class JfrTop {
  private static final String OURS = "dev.cairn.";

  private JfrTop() {}

  public static void main(String[] args) throws IOException {
    int n = 15;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-n") && i + 1 < args.length) {
        n = Integer.parseInt(args[++i]);
      } else {
        files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: JfrTop [-n N] FILE.jfr...");
      System.exit(2);
    }
    List<RecordedEvent> events = new ArrayList<>();
    for (Path f : files) {
      events.addAll(RecordingFile.readAllEvents(f));
    }
    for (String type : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample")) {
      report(type, events, n);
    }
  }

  private static void report(String type, List<RecordedEvent> events, int n) {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int total = 0;
    for (RecordedEvent e : events) {
      if (!e.getEventType().getName().equals(type)
          || e.getStackTrace() == null
          || e.getStackTrace().getFrames().isEmpty()) {
        continue;
      }
      total++;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      ours.merge(
          frames.stream()
              .map(JfrTop::name)
              .filter(f -> f.startsWith(OURS))
              .findFirst()
              .orElse("(no Cairn frame)"),
          1,
          Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String name = name(f);
        if (name.startsWith(OURS) && seen.add(name)) {
          inclusive.merge(name, 1, Integer::sum);
        }
      }
      // Worker threads are numbered; group them.
      threads.merge(
          e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N"), 1, Integer::sum);
    }
    System.out.printf("%n### %s: %d samples%n", type, total);
    print("self (top frame)", self, total, n);
    print("innermost Cairn frame", ours, total, n);
    print("Cairn frames, inclusive", inclusive, total, n);
    print("thread", threads, total, n);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int n) {
    System.out.printf("%n| %s | samples | %% |%n|---|---:|---:|%n", title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(
            c ->
                System.out.printf(
                    "| %s | %d | %.1f |%n",
                    c.getKey(), c.getValue(), 100.0 * c.getValue() / Math.max(total, 1)));
  }
}

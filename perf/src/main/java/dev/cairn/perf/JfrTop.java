package dev.cairn.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code JfrTop FILE.jfr [N]}: the hottest methods of a recording. For Java samples
 * (jdk.ExecutionSample) and threads in native code (jdk.NativeMethodSample, e.g. zstd, file I/O),
 * prints the top frames by self samples and by inclusive samples, and samples per thread.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: JfrTop FILE.jfr [N]");
      System.exit(2);
    }
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
    for (String type : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample")) {
      Map<String, Integer> self = new HashMap<>();
      Map<String, Integer> inclusive = new HashMap<>();
      Map<String, Integer> threads = new HashMap<>();
      int total = 0;
      for (RecordedEvent e : events) {
        if (!e.getEventType().getName().equals(type) || e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
          continue;
        }
        total++;
        List<RecordedFrame> frames = e.getStackTrace().getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          if (seen.add(name(f))) {
            inclusive.merge(name(f), 1, Integer::sum);
          }
        }
        // Worker threads are numbered; group them.
        threads.merge(e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N"), 1, Integer::sum);
      }
      System.out.printf("%n## %s: %d samples%n", type, total);
      print("self", self, total, n);
      print("inclusive", inclusive, total, n);
      print("threads", threads, total, n);
    }
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int n) {
    System.out.printf("%n| %s | samples | %% |%n|---|---:|---:|%n", title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(c -> System.out.printf("| %s | %d | %.1f |%n", c.getKey(), c.getValue(), 100.0 * c.getValue() / Math.max(total, 1)));
  }
}

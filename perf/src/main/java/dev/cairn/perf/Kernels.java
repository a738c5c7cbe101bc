package dev.cairn.perf;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH kernels with ordinary JMH arguments, then prints their throughput in GB/s (10^9
 * bytes per second, one thread, so per core). Each benchmark class says in a static {@code BYTES}
 * field how many bytes one operation processes.
 */
public final class Kernels {
  private Kernels() {}

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    System.out.println();
    System.out.println("| kernel | params | threads | ops/s | bytes/op | GB/s per thread |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      Result<?> score = r.getPrimaryResult();
      // Scores are ops per OutputTimeUnit; -tu on the command line may change that unit.
      double perSecond = TimeUnit.SECONDS.toNanos(1) / (double) p.getTimeUnit().toNanos(1);
      double ops = score.getScore() * perSecond;
      double err = score.getScoreError() * perSecond;
      long bytes = bytesPerOp(p.getBenchmark());
      System.out.printf(
          "| %s | %s | %d | %.1f%s | %d | %.3f%s |%n",
          shortName(p.getBenchmark()),
          params(p),
          p.getThreads(),
          ops,
          plusMinus(err, 1),
          bytes,
          ops * bytes / 1e9,
          plusMinus(err * bytes / 1e9, 3));
    }
  }

  /** JMH has no error estimate for a single iteration. */
  private static String plusMinus(double err, int decimals) {
    return Double.isNaN(err) ? "" : String.format(" ± %." + decimals + "f", err);
  }

  private static long bytesPerOp(String benchmark) throws ReflectiveOperationException {
    String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return Class.forName(className).getField("BYTES").getInt(null);
  }

  private static String shortName(String benchmark) {
    String[] parts = benchmark.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private static String params(BenchmarkParams p) {
    StringBuilder sb = new StringBuilder();
    for (String key : p.getParamsKeys()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(key).append('=').append(p.getParam(key));
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }
}

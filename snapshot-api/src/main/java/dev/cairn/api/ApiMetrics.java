package dev.cairn.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: requests and latency per route, bytes in and out, snapshot and
 * restore throughput, and the repository's size.
 */
public final class ApiMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Records one finished request under its route template (never the raw path: bounded tags). */
  void request(String method, String route, int status, long nanos, long bytesIn, long bytesOut) {
    Timer.builder("cairn.http.server.requests")
        .description("HTTP requests by route, method and status")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry)
        .record(Duration.ofNanos(nanos));
    Counter.builder("cairn.http.server.request.bytes")
        .baseUnit("bytes")
        .tags("route", route)
        .register(registry)
        .increment(bytesIn);
    Counter.builder("cairn.http.server.response.bytes")
        .baseUnit("bytes")
        .tags("route", route)
        .register(registry)
        .increment(bytesOut);
  }

  /** Bytes taken into snapshots, and the time it took, for throughput. */
  public void snapshotted(long bytes, long nanos) {
    throughput("cairn.snapshot", bytes, nanos);
  }

  /** Bytes of packs that remote clients uploaded, and the time they took to verify and store. */
  public void packReceived(long bytes, long nanos) {
    throughput("cairn.pack.received", bytes, nanos);
  }

  /** Bytes served out of snapshots (downloads and archives). */
  public void restored(long bytes, long nanos) {
    throughput("cairn.restore", bytes, nanos);
  }

  /** Bytes a garbage collection reclaimed (dry runs excluded), and the time it took. */
  public void collected(long bytes, long nanos) {
    throughput("cairn.gc.reclaimed", bytes, nanos);
  }

  private void throughput(String name, long bytes, long nanos) {
    Counter.builder(name + ".bytes").baseUnit("bytes").register(registry).increment(bytes);
    Timer.builder(name + ".duration").register(registry).record(Duration.ofNanos(nanos));
  }

  /** A gauge read at scrape time. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** The text exposition format. */
  public String scrape() {
    return registry.scrape();
  }
}

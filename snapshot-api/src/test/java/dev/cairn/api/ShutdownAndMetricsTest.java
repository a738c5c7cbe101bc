package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown with uploads in flight, and the metrics the server exposes. */
class ShutdownAndMetricsTest extends ServerFixture {
  private static final String A = "/api/v1/namespaces/team-a";

  @Test
  void anUploadInFlightFinishesDuringAGracefulStop() throws Exception {
    byte[] tar = tar(Map.of("big.bin", "y".repeat(200_000), "small", "s"));
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream body = new PipedInputStream(feed, 64 * 1024);
    CompletableFuture<HttpResponse<String>> response = startUpload(body);
    feed.write(tar, 0, tar.length / 2);
    feed.flush();
    waitForRequestInFlight();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
    Thread.sleep(200); // the stop is now waiting on the request
    assertThat(stopping).isNotDone();
    feed.write(tar, tar.length / 2, tar.length - tar.length / 2);
    feed.close();

    assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    stopping.get(30, TimeUnit.SECONDS);
    // What was committed is complete: reopen and read it back.
    restartServer(options());
    String id = get(A + "/refs/slow", reader).json().get("target").asText();
    assertThat(get(A + "/snapshots/" + id + "/files/big.bin", reader).text()).hasSize(200_000);
  }

  @Test
  void anUploadThatOutlastsTheGracePeriodIsAbortedAndLeavesNothing() throws Exception {
    restartServer(graceOf(Duration.ofMillis(500)));
    byte[] tar = tar(Map.of("big.bin", "z".repeat(200_000)));
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream body = new PipedInputStream(feed, 64 * 1024);
    CompletableFuture<HttpResponse<String>> response = startUpload(body);
    feed.write(tar, 0, tar.length / 2);
    feed.flush();
    waitForRequestInFlight();
    server.close(); // the client never sends the rest
    // Unblocks the client's body publisher, which otherwise may wait on the pipe rather than
    // notice the closed connection.
    feed.close();
    try {
      HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isNotEqualTo(201);
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IOException.class); // the connection was cut
    }
    restartServer(options());
    assertThat(get(A + "/refs/slow", reader).status()).isEqualTo(404);
    assertThat(get(A + "/snapshots", reader).json().get("items")).isEmpty();
    try (var staged = Files.list(tmp.resolve("repo/uploads"))) {
      assertThat(staged).isEmpty();
    }
  }

  @Test
  void metricsCountRequestsPerRouteWithLatencyHistograms() {
    String id = snapshot("team-a", "m", Map.of("f", "content"));
    get(A + "/snapshots/" + id + "/files/f", reader);
    get(A + "/snapshots/" + "1".repeat(64), reader);
    String metrics = get("/metrics", reader).text();
    assertThat(metrics)
        .contains("cairn_http_server_requests_seconds_bucket{")
        .contains("route=\"/api/v1/namespaces/{ns}/snapshots/{id}/files/{path+}\"")
        .contains("status=\"404\"")
        .contains("cairn_http_server_response_bytes_total")
        .contains("cairn_restore_bytes_total")
        .contains("cairn_snapshot_bytes_total")
        .contains("cairn_repository_stored_bytes")
        .doesNotContain(id); // raw paths never become labels
  }

  private CompletableFuture<HttpResponse<String>> startUpload(InputStream body) {
    return http.sendAsync(
        request(A + "/snapshots?ref=slow", writer)
            .header("Content-Type", "application/x-tar")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the upload's staging directory exists: the route is reading the body. */
  private void waitForRequestInFlight() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (var staged = Files.list(tmp.resolve("repo/uploads"))) {
        if (staged.findAny().isPresent()) {
          return;
        }
      } catch (IOException e) {
        // not created yet
      }
      Thread.sleep(25);
    }
    throw new AssertionError("the upload never reached the route");
  }

  private ServerOptions graceOf(Duration grace) {
    ServerOptions o = options();
    return new ServerOptions(
        o.host(),
        o.port(),
        o.tokensFile(),
        o.tlsCert(),
        o.tlsKey(),
        o.maxThreads(),
        o.maxQueuedRequests(),
        o.maxHeaderBytes(),
        o.maxUploadBytes(),
        o.idleTimeout(),
        grace);
  }

  private void restartServer(ServerOptions o) {
    server.close();
    server = ApiServer.start(repo, Optional.of(lineage), o, "test");
  }
}

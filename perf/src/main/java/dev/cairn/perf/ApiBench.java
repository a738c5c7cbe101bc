package dev.cairn.perf;

import dev.cairn.api.ApiServer;
import dev.cairn.api.ServerOptions;
import dev.cairn.api.auth.Role;
import dev.cairn.api.auth.TokenFile;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.rocks.RocksLineageStore;
import dev.cairn.perf.lineage.LoadedGraph;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * {@code ApiBench WORKDIR [SECONDS]}: load on a real {@code cairn serve} (in this JVM, loopback,
 * bearer tokens on every request) from closed-loop clients: each sends its next request when the
 * last one is answered, so the load is bounded by the client count. Reports requests per second and
 * latency percentiles for 8 and 64 clients per scenario (snapshot listing and get, lineage queries
 * on a pipeline graph of about 10,000 nodes, small file downloads), and file download MB/s.
 */
public final class ApiBench {
  private static final String NS = "bench";
  private static final String LINEAGE = "/api/v1/namespaces/" + NS + "/lineage";

  /**
   * Nodes of the lineage graph the lineage queries run on: about 450 runs of 8 to 12 steps. Each
   * step is a synced write, so the load takes seconds, not the minutes of lineage-bench.sh.
   */
  private static final long LINEAGE_NODES = 10_000;

  private ApiBench() {}

  /** One scenario: the request client {@code i} sends next; a POST of a JSON body if it has one. */
  record Scenario(String name, IntFunction<String> path, IntFunction<String> body) {
    static Scenario get(String name, IntFunction<String> path) {
      return new Scenario(name, path, null);
    }

    static Scenario post(String name, IntFunction<String> path, IntFunction<String> body) {
      return new Scenario(name, path, body);
    }

    HttpRequest request(URI base, String token, int i) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path.apply(i)))
              .header("Authorization", "Bearer " + token);
      if (body != null) {
        b.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)));
      }
      return b.build();
    }
  }

  record Result(
      String scenario, int clients, long requests, double seconds, long[] nanos, long errors) {
    double rps() {
      return requests / seconds;
    }

    double percentileMs(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      return nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/cairn-api-bench").toAbsolutePath();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    deleteTree(work);
    Files.createDirectories(work);
    Path tokens = work.resolve("tokens.json");
    String token = TokenFile.create(tokens, "bench", Set.of(NS), Role.READ, Clock.systemUTC());
    Path repoDir = work.resolve("repo");
    try (Repository repo = Repository.init(repoDir, RepositoryOptions.DEFAULTS);
        LineageStore lineage =
            RocksLineageStore.open(repoDir.resolve("lineage"), Clock.systemUTC())) {
      System.err.println("ApiBench: writing 300 snapshots and a 512 MiB file...");
      String bigSnapshot = populate(repo, work.resolve("data"));
      System.err.println("ApiBench: writing a lineage graph of about 10,000 nodes...");
      LoadedGraph graph = LoadedGraph.load(lineage, NS, LINEAGE_NODES);
      ServerOptions options =
          ServerOptions.defaults().withAddress("127.0.0.1", 0).withTokens(tokens);
      try (ApiServer server = ApiServer.start(repo, Optional.of(lineage), options, "bench")) {
        // HTTP/1.1 as Cairn's own client (ApiClient) speaks it; the server has no HTTP/2.
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool())
                .build();
        URI base = server.uri();
        List<Scenario> scenarios =
            List.of(
                Scenario.get(
                    "snapshot list (100 per page)",
                    i -> "/api/v1/namespaces/" + NS + "/snapshots?limit=100"),
                Scenario.get(
                    "snapshot get", i -> "/api/v1/namespaces/" + NS + "/snapshots/" + bigSnapshot),
                Scenario.post(
                    "lineage upstream, 10 hops",
                    i -> LINEAGE + "/subgraph",
                    i ->
                        "{\"start_artifact_ids\": ["
                            + graph.finalArtifact(spread(i, graph.runs()))
                            + "], \"direction\": \"UPSTREAM\", \"max_hops\": 10}"),
                Scenario.get(
                    "lineage artifacts of a run",
                    i ->
                        LINEAGE
                            + "/contexts/"
                            + graph.runContext(spread(i, graph.runs()))
                            + "/artifacts"),
                Scenario.get(
                    "file download 4 KiB",
                    i ->
                        "/api/v1/namespaces/"
                            + NS
                            + "/snapshots/"
                            + bigSnapshot
                            + "/files/small-"
                            + (i % 50)
                            + ".txt"));
        List<Result> results = new ArrayList<>();
        for (Scenario s : scenarios) {
          for (int clients : new int[] {8, 64}) {
            run(http, base, token, s, clients, 2); // warm-up
            results.add(run(http, base, token, s, clients, seconds));
          }
        }
        Map<String, Double> download = new LinkedHashMap<>();
        for (int clients : new int[] {1, 4}) {
          download.put(
              clients + " client(s)", downloadMbps(http, base, token, bigSnapshot, clients));
        }
        report(results, download, seconds);
      }
    }
  }

  private static String populate(Repository repo, Path data) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    Files.createDirectories(data);
    String last = null;
    for (int i = 0; i < 300; i++) {
      Files.writeString(data.resolve("counter.txt"), "snapshot " + i);
      last =
          repo.snapshot(SnapshotRequest.of(data, new RefName(NS, "s" + (i % 10))))
              .snapshot()
              .id()
              .toString();
    }
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(data.resolve("big.bin"))) {
      for (int i = 0; i < 512; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
    for (int i = 0; i < 50; i++) {
      byte[] small = new byte[4096];
      random.nextBytes(small);
      Files.write(data.resolve("small-" + i + ".txt"), small);
    }
    return repo.snapshot(SnapshotRequest.of(data, new RefName(NS, "big")))
        .snapshot()
        .id()
        .toString();
  }

  /** Request {@code i}'s run: a fixed stride through the runs, so clients do not share a run. */
  private static int spread(int i, int runs) {
    return (int) ((i * 7919L) % runs);
  }

  private static Result run(
      HttpClient http, URI base, String token, Scenario s, int clients, int seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<long[]>> futures = new ArrayList<>();
    long[] errors = new long[1];
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(
          pool.submit(
              () -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                int i = client;
                while (System.nanoTime() < end) {
                  HttpRequest req = s.request(base, token, i++);
                  long t0 = System.nanoTime();
                  HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                  long t = System.nanoTime() - t0;
                  if (r.statusCode() != 200) {
                    synchronized (errors) {
                      errors[0]++;
                    }
                  }
                  if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                  }
                  lat[n++] = t;
                }
                return Arrays.copyOf(lat, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(s.name(), clients, merged.length, elapsed, merged, errors[0]);
  }

  private static double downloadMbps(
      HttpClient http, URI base, String token, String snapshot, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Long>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                long total = 0;
                for (int round = 0; round < 2; round++) {
                  HttpRequest req =
                      HttpRequest.newBuilder(
                              URI.create(
                                  base
                                      + "/api/v1/namespaces/"
                                      + NS
                                      + "/snapshots/"
                                      + snapshot
                                      + "/files/big.bin"))
                          .header("Authorization", "Bearer " + token)
                          .build();
                  try (InputStream in =
                      http.send(req, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                    total += in.transferTo(OutputStream.nullOutputStream());
                  }
                }
                return total;
              }));
    }
    long bytes = 0;
    for (Future<Long> f : futures) {
      bytes += f.get();
    }
    pool.shutdown();
    return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
  }

  private static void report(List<Result> results, Map<String, Double> download, int seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%nREST API on loopback, closed-loop clients, %d s per row, load average %s%n%n",
            seconds, loadAverage()));
    out.append(
        String.format(
            "| %-30s | %7s | %9s | %8s | %8s | %8s | %6s |%n",
            "scenario", "clients", "req/s", "p50 ms", "p99 ms", "max ms", "errors"));
    out.append("|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      out.append(
          String.format(
              "| %-30s | %7d | %9.0f | %8.2f | %8.2f | %8.2f | %6d |%n",
              r.scenario(),
              r.clients(),
              r.rps(),
              r.percentileMs(0.50),
              r.percentileMs(0.99),
              r.percentileMs(1.0),
              r.errors()));
    }
    out.append(
        "\nFile download of a 512 MiB file (verified reads from packs), twice per client:\n");
    download.forEach((k, v) -> out.append(String.format("  %-12s %8.0f MB/s total%n", k, v)));
    System.out.println(out);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return String.join(" ", Arrays.asList(fields).subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

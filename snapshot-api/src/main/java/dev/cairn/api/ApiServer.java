package dev.cairn.api;

import dev.cairn.api.auth.TokenFile;
import dev.cairn.api.routes.GcRoutes;
import dev.cairn.api.routes.LineageRoutes;
import dev.cairn.api.routes.RefRoutes;
import dev.cairn.api.routes.RetentionRoutes;
import dev.cairn.api.routes.SnapshotRoutes;
import dev.cairn.api.routes.SystemRoutes;
import dev.cairn.api.routes.TransferRoutes;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.GcStorage;
import dev.cairn.store.Repository;
import dev.cairn.store.SupportsBackendAccess;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server: Jetty 12 with a bounded thread pool and queue, header and body limits, idle
 * timeouts, JSON errors, an access log, metrics, and graceful shutdown that lets requests in flight
 * finish (or aborts them, never half-commits them) within the grace period.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final int INPUT_BUFFER_BYTES = 64 << 10;

  private final Server server;
  private final GracefulHandler graceful;
  private final ServerConnector connector;
  private final boolean tls;
  private final List<Route> routes;

  private ApiServer(
      Server server,
      GracefulHandler graceful,
      ServerConnector connector,
      boolean tls,
      List<Route> routes) {
    this.server = server;
    this.graceful = graceful;
    this.connector = connector;
    this.tls = tls;
    this.routes = routes;
  }

  /** Starts serving {@code repo} (and {@code lineage}, when present) until {@link #close}. */
  public static ApiServer start(
      Repository repo, Optional<LineageStore> lineage, ServerOptions options, String version) {
    Optional<TokenFile> tokens = options.tokensFile().map(TokenFile::load);
    if (tokens.isEmpty() && !isLoopback(options.host())) {
      throw new dev.cairn.store.InvalidArgumentException(
          "Cannot serve on "
              + options.host()
              + " without --tokens: a server without tokens binds to loopback only");
    }
    cleanStaleUploads(Path.of(repo.location(), "uploads"));

    // Threads are bounded here; requests are bounded by the QoS handler below, which queues up to
    // maxQueuedRequests and answers 503 beyond that rather than letting work pile up unseen.
    QueuedThreadPool pool =
        new QueuedThreadPool(options.maxThreads(), Math.min(8, options.maxThreads()));
    pool.setName("cairn-api");
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(options.maxHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    // Jetty reads 8 KiB at a time by default, and each read passes through its content machinery
    // once: about 90,000 passes per GB of packs uploaded.
    httpFactory.setInputBufferSize(INPUT_BUFFER_BYTES);
    ServerConnector connector;
    boolean tls = options.tlsCert().isPresent();
    if (tls) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(PemKeyStore.load(options.tlsCert().get(), options.tlsKey().get()));
      ssl.setKeyStorePassword("");
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      connector =
          new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), httpFactory);
    } else {
      connector = new ServerConnector(server, httpFactory);
    }
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setIdleTimeout(options.idleTimeout().toMillis());
    server.addConnector(connector);

    ApiMetrics metrics = new ApiMetrics();
    List<Route> routes = new ArrayList<>();
    GracefulHandler graceful = new GracefulHandler();
    routes.addAll(
        new SystemRoutes(metrics, () -> !graceful.isShutdown(), () -> List.copyOf(routes), version)
            .routes());
    routes.addAll(new SnapshotRoutes(repo, lineage, metrics, options.maxUploadBytes()).routes());
    routes.addAll(new RefRoutes(repo).routes());
    routes.addAll(new TransferRoutes(repo, metrics, options.maxUploadBytes()).routes());
    lineage.ifPresent(l -> routes.addAll(new LineageRoutes(repo, l).routes()));
    if (repo instanceof SupportsBackendAccess) {
      // Policies live in the repository's own objects; a repository without them has none.
      routes.addAll(new RetentionRoutes(RetentionPolicies.of(repo)).routes());
    }
    if (GcStorage.of(repo).isPresent()) {
      routes.addAll(new GcRoutes(repo, lineage, metrics).routes());
    }
    RepositoryGauges.register(metrics, repo);

    QoSHandler qos = new QoSHandler(new ApiHandler(routes, tokens));
    qos.setMaxRequestCount(Math.max(1, options.maxThreads() - 8));
    qos.setMaxSuspendedRequestCount(options.maxQueuedRequests());
    qos.setMaxSuspend(options.idleTimeout());
    graceful.setHandler(qos);
    server.setHandler(graceful);
    server.setErrorHandler(new JsonErrorHandler());
    server.setRequestLog(new AccessLog(metrics));
    server.setStopTimeout(options.shutdownGrace().toMillis());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // the start failure is what matters
      }
      throw new UnavailableException(
          "Cannot start server on " + options.host() + ":" + options.port() + ": " + e.getMessage(),
          e);
    }
    ApiServer api = new ApiServer(server, graceful, connector, tls, List.copyOf(routes));
    LOG.info(
        "Serving {} on {}{}",
        repo.location(),
        api.uri(),
        tokens.isEmpty() ? " (no tokens: loopback only, every caller has every right)" : "");
    return api;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    String host = connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + port());
  }

  /** The routes served, in dispatch order. */
  public List<Route> routes() {
    return routes;
  }

  /** Stops taking requests, waits up to the grace period for those in flight, then stops. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Server stopped uncleanly: {}", e.toString());
    }
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /** Uploads cut off by a crash leave staging directories; nothing refers to them. */
  private static void cleanStaleUploads(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot clean stale uploads in {}: {}", dir, e.toString());
    }
  }
}

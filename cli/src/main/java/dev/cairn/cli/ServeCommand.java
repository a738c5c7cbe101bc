package dev.cairn.cli;

import dev.cairn.api.ApiServer;
import dev.cairn.api.ServerOptions;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    description = {
      "Serve the repository's snapshots, refs and lineage over HTTP (REST, JSON, /api/v1/).",
      "Without --tokens it binds to loopback only and every caller has every right.",
      "Stops gracefully on SIGINT/SIGTERM: requests in flight finish within the grace period."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = ServerOptions.DEFAULT_PORT;

  @Option(
      names = "--tokens",
      paramLabel = "FILE",
      description = "Tokens file (see 'cairn token create').")
  Path tokens;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain for HTTPS.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key for HTTPS.")
  Path tlsKey;

  @Option(
      names = "--max-upload",
      paramLabel = "BYTES",
      description = "Largest snapshot upload accepted (default ${DEFAULT-VALUE}).")
  long maxUpload = ServerOptions.defaults().maxUploadBytes();

  @Override
  public Integer call() throws Exception {
    ServerOptions options =
        ServerOptions.defaults().withAddress(host, port).withMaxUploadBytes(maxUpload);
    if (tokens != null) {
      options = options.withTokens(tokens);
    }
    if (tlsCert != null || tlsKey != null) {
      if (tlsCert == null || tlsKey == null) {
        throw new dev.cairn.store.InvalidArgumentException(
            "TLS needs both --tls-cert and --tls-key");
      }
      options = options.withTls(tlsCert, tlsKey);
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    // A bucket repository has no local directory for lineage yet: serve it without lineage.
    try (Repository repo = RepoLocator.openLocal();
        LineageStore lineage =
            RepoLocator.inBucket() ? null : LineageLocator.openForServing(RepoLocator.path());
        ApiServer server =
            ApiServer.start(repo, Optional.ofNullable(lineage), options, Version.text());
        ServeMarker marker =
            RepoLocator.inBucket() ? null : ServeMarker.write(RepoLocator.path(), server.uri())) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    try {
                      stopped.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "cairn-serve-stop"));
      out.printf("Serving %s on %s%n", repo.location(), server.uri());
      if (tokens == null) {
        out.println("No --tokens: bound to loopback only; every caller has every right.");
      }
      out.flush();
      server.join();
    } finally {
      // Repository and lineage are closed (above) before the shutdown hook lets the JVM exit.
      stopped.countDown();
    }
    return ExitCodes.OK;
  }
}

package dev.cairn.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link ApiServer} listens and what it accepts. Without a tokens file the server binds to
 * loopback only and every caller has every right.
 */
public record ServerOptions(
    String host,
    int port,
    Optional<Path> tokensFile,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    int maxThreads,
    int maxQueuedRequests,
    int maxHeaderBytes,
    long maxUploadBytes,
    Duration idleTimeout,
    Duration shutdownGrace) {
  public static final int DEFAULT_PORT = 8470;

  public ServerOptions {
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key");
    }
  }

  public static ServerOptions defaults() {
    return new ServerOptions(
        "127.0.0.1",
        DEFAULT_PORT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        64,
        1024,
        16 * 1024,
        64L << 30,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  public ServerOptions withAddress(String host, int port) {
    return new ServerOptions(
        host,
        port,
        tokensFile,
        tlsCert,
        tlsKey,
        maxThreads,
        maxQueuedRequests,
        maxHeaderBytes,
        maxUploadBytes,
        idleTimeout,
        shutdownGrace);
  }

  public ServerOptions withTokens(Path file) {
    return new ServerOptions(
        host,
        port,
        Optional.of(file),
        tlsCert,
        tlsKey,
        maxThreads,
        maxQueuedRequests,
        maxHeaderBytes,
        maxUploadBytes,
        idleTimeout,
        shutdownGrace);
  }

  public ServerOptions withTls(Path cert, Path key) {
    return new ServerOptions(
        host,
        port,
        tokensFile,
        Optional.of(cert),
        Optional.of(key),
        maxThreads,
        maxQueuedRequests,
        maxHeaderBytes,
        maxUploadBytes,
        idleTimeout,
        shutdownGrace);
  }

  public ServerOptions withMaxUploadBytes(long bytes) {
    return new ServerOptions(
        host,
        port,
        tokensFile,
        tlsCert,
        tlsKey,
        maxThreads,
        maxQueuedRequests,
        maxHeaderBytes,
        bytes,
        idleTimeout,
        shutdownGrace);
  }

  public boolean loopbackOnly() {
    return tokensFile.isEmpty();
  }
}

package dev.cairn.csi;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.UnavailableException;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server for CSI services on a unix domain socket, the only transport CSI allows.
 *
 * <p>{@link #start} binds the socket (creating its parent directories and replacing a stale socket
 * file left by a crashed run); {@link #close} stops the server gracefully and removes the socket
 * file. Thread-safe; {@code close} is idempotent.
 */
public final class CsiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CsiServer.class);

  /** Linux's sun_path holds 108 bytes including the terminating NUL. */
  static final int MAX_SOCKET_PATH_BYTES = 107;

  private static final Duration GRACE = Duration.ofSeconds(5);

  private final Path socket;
  private final Server server;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private boolean closed;

  private CsiServer(Path socket, Server server, EventLoopGroup boss, EventLoopGroup workers) {
    this.socket = socket;
    this.server = server;
    this.boss = boss;
    this.workers = workers;
  }

  /**
   * Serves {@code services} on {@code endpoint}, either {@code unix:///path/csi.sock} (the form of
   * {@code CSI_ENDPOINT}) or a plain path.
   *
   * @throws InvalidArgumentException if the endpoint is not a unix socket path, its path is too
   *     long, or something other than a socket is in the way
   * @throws UnavailableException if another process is serving on that socket
   */
  public static CsiServer start(String endpoint, List<BindableService> services) {
    Path socket = socketPath(endpoint);
    prepare(socket);
    EventLoopGroup boss = new EpollEventLoopGroup(1);
    EventLoopGroup workers = new EpollEventLoopGroup();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers);
    services.forEach(builder::addService);
    try {
      Server server = builder.build().start();
      log.info("Serving CSI on unix://{}", socket);
      return new CsiServer(socket, server, boss, workers);
    } catch (IOException | RuntimeException e) {
      shutdownGroups(boss, workers);
      throw new UnavailableException("Cannot serve CSI on " + socket + ": " + e.getMessage(), e);
    }
  }

  /** The socket path named by {@code endpoint}; see {@link #start}. */
  static Path socketPath(String endpoint) {
    String path = endpoint == null ? "" : endpoint.strip();
    if (path.startsWith("unix://")) {
      path = path.substring("unix://".length());
    } else if (path.startsWith("unix:")) {
      path = path.substring("unix:".length());
    } else if (path.contains(":")) {
      // Another scheme (tcp://, dns:///) or a host:port, as csi-sanity accepts for TCP.
      throw new InvalidArgumentException(
          "Cannot serve CSI on "
              + endpoint
              + ": CSI endpoints must be unix domain sockets (unix:///path/csi.sock)");
    }
    if (path.isEmpty() || Path.of(path).getFileName() == null) {
      throw new InvalidArgumentException(
          "Cannot serve CSI on '" + endpoint + "': the endpoint names no socket path");
    }
    Path socket = Path.of(path).toAbsolutePath().normalize();
    int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SOCKET_PATH_BYTES) {
      throw new InvalidArgumentException(
          "Cannot serve CSI on "
              + socket
              + ": the path is "
              + bytes
              + " bytes, unix sockets allow at most "
              + MAX_SOCKET_PATH_BYTES);
    }
    return socket;
  }

  /** Creates the parent directories and removes a stale socket; refuses to remove anything else. */
  private static void prepare(Path socket) {
    try {
      Files.createDirectories(socket.getParent());
      if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      BasicFileAttributes attrs =
          Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isOther()) {
        throw new InvalidArgumentException(
            "Cannot serve CSI on " + socket + ": a file that is not a socket is in the way");
      }
      if (someoneListens(socket)) {
        throw new UnavailableException(
            "Cannot serve CSI on " + socket + ": another process is serving on this socket");
      }
      Files.deleteIfExists(socket);
      log.info("Removed stale socket {}", socket);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare CSI socket " + socket, e);
    }
  }

  private static boolean someoneListens(Path socket) {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return probe.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException refused) {
      return false;
    }
  }

  /** The absolute path of the socket this server listens on. */
  public Path socket() {
    return socket;
  }

  /** Blocks until the server has terminated, e.g. after {@link #close} from a shutdown hook. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Stops accepting calls, lets running calls finish for up to a few seconds, cancels the rest, and
   * removes the socket file.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    try {
      if (!server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("CSI calls still running after {}; cancelling them", GRACE);
        server.shutdownNow();
        server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      shutdownGroups(boss, workers);
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        log.warn("Cannot remove CSI socket {}: {}", socket, e.toString());
      }
    }
  }

  private static void shutdownGroups(EventLoopGroup... groups) {
    for (EventLoopGroup group : groups) {
      group.shutdownGracefully(0, GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
    for (EventLoopGroup group : groups) {
      group.terminationFuture().awaitUninterruptibly(GRACE.toMillis());
    }
  }
}

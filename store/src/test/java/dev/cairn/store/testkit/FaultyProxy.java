package dev.cairn.store.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP/1.1 relay on a loopback port between an S3 client and an S3 server that injects faults
 * request by request, as a {@link Plan} decides: server errors, throttling, connection resets
 * before or after the server acted, responses cut short, and stalls. It also counts requests by
 * method, which the benchmarks use to count PUTs and GETs.
 */
public final class FaultyProxy implements AutoCloseable {
  /** What happens to one request. */
  public enum Fault {
    NONE,
    /** 500 InternalError; the server never sees the request. */
    SERVER_ERROR,
    /** 503 SlowDown; the server never sees the request. */
    SLOW_DOWN,
    /** The connection is reset before the request reaches the server. */
    RESET_BEFORE_REQUEST,
    /**
     * The server acts on the request, then the client's connection is reset: the answer is lost.
     */
    RESET_AFTER_REQUEST,
    /** The server acts; the client gets the headers and half the body, then a reset. */
    CUT_RESPONSE,
    /** The server acts; the response is held back for the stall time. */
    STALL
  }

  /** Chooses the fault for each request. Called from many threads. */
  @FunctionalInterface
  public interface Plan {
    Fault choose(long requestNumber, String method, String target);
  }

  public static Plan none() {
    return (n, m, t) -> Fault.NONE;
  }

  public static Plan always(Fault f) {
    return (n, m, t) -> f;
  }

  /** Each request fails with probability {@code rate}, with one of {@code faults} at random. */
  public static Plan random(long seed, double rate, Fault... faults) {
    Random random = new Random(seed);
    return (n, m, t) -> {
      synchronized (random) {
        return random.nextDouble() < rate ? faults[random.nextInt(faults.length)] : Fault.NONE;
      }
    };
  }

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final Duration stall;
  private final ExecutorService threads = Executors.newCachedThreadPool(FaultyProxy::daemon);
  private final AtomicLong requestNumbers = new AtomicLong();
  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final Map<Fault, LongAdder> injected = new ConcurrentHashMap<>();
  private volatile Plan plan;

  private FaultyProxy(URI upstream, Plan plan, Duration stall) throws IOException {
    this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    this.plan = plan;
    this.stall = stall;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Starts a relay to {@code upstream} (an http:// URL) on a free loopback port. */
  public static FaultyProxy start(URI upstream, Plan plan, Duration stall) {
    try {
      return new FaultyProxy(upstream, plan, stall);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the fault-injecting proxy", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public void plan(Plan p) {
    this.plan = p;
  }

  /** Requests seen with this method ("PUT", "GET", …) since the start or the last reset. */
  public long requests(String method) {
    LongAdder a = byMethod.get(method);
    return a == null ? 0 : a.sum();
  }

  /** How many requests got each fault. */
  public Map<Fault, Long> injected() {
    Map<Fault, Long> out = new EnumMap<>(Fault.class);
    injected.forEach((f, n) -> out.put(f, n.sum()));
    return out;
  }

  public void resetCounts() {
    byMethod.clear();
    injected.clear();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Nothing to release beyond the socket.
    }
    threads.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> relay(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Relays the requests of one client connection, one at a time, over one upstream connection. */
  private void relay(Socket client) {
    Socket up = null;
    try (client) {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream(), 1 << 16);
      OutputStream out = client.getOutputStream();
      while (true) {
        HttpMessage request = HttpMessage.readRequest(in);
        if (request == null) {
          return;
        }
        byMethod.computeIfAbsent(request.method(), k -> new LongAdder()).increment();
        Fault fault =
            plan.choose(requestNumbers.incrementAndGet(), request.method(), request.target());
        injected.computeIfAbsent(fault, k -> new LongAdder()).increment();
        switch (fault) {
          case SERVER_ERROR -> {
            out.write(errorResponse(500, "InternalError", "injected"));
            out.flush();
            continue;
          }
          case SLOW_DOWN -> {
            out.write(errorResponse(503, "SlowDown", "injected"));
            out.flush();
            continue;
          }
          case RESET_BEFORE_REQUEST -> {
            reset(client);
            return;
          }
          default -> {}
        }
        if (up == null || up.isClosed()) {
          up = new Socket();
          up.connect(upstream);
          up.setTcpNoDelay(true);
        }
        up.getOutputStream().write(request.bytes());
        up.getOutputStream().flush();
        HttpMessage response =
            HttpMessage.readResponse(
                new BufferedInputStream(up.getInputStream(), 1 << 16),
                request.method().equals("HEAD"));
        if (response == null || response.closes()) {
          up.close();
        }
        if (response == null) {
          reset(client);
          return;
        }
        switch (fault) {
          case RESET_AFTER_REQUEST -> {
            reset(client);
            return;
          }
          case CUT_RESPONSE -> {
            byte[] bytes = response.bytes();
            int keep = response.headerLength() + (bytes.length - response.headerLength()) / 2;
            out.write(bytes, 0, keep);
            out.flush();
            reset(client);
            return;
          }
          case STALL -> Thread.sleep(stall.toMillis());
          default -> {}
        }
        out.write(response.bytes());
        out.flush();
        if (response.closes()) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client or the server went away; the connection is done.
    } finally {
      if (up != null) {
        try {
          up.close();
        } catch (IOException ignored) {
          // Already broken.
        }
      }
    }
  }

  private static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  private static byte[] errorResponse(int status, String code, String message) {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>";
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + code
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n";
    return (head + body).getBytes(ISO_8859_1);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "faulty-proxy");
    t.setDaemon(true);
    return t;
  }

  /** One whole HTTP message as bytes, with what the relay needs to know about it. */
  record HttpMessage(String method, String target, byte[] bytes, int headerLength, boolean closes) {

    /** Reads a request, or returns null at the end of the connection. */
    static HttpMessage readRequest(InputStream in) throws IOException {
      String head = readHead(in);
      if (head == null) {
        return null;
      }
      String[] first = head.substring(0, head.indexOf("\r\n")).split(" ");
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      buf.write(head.getBytes(ISO_8859_1));
      copyBody(in, buf, head, false);
      return new HttpMessage(first[0], first[1], buf.toByteArray(), head.length(), closes(head));
    }

    /** Reads a response, or returns null if the server closed the connection first. */
    static HttpMessage readResponse(InputStream in, boolean toHead) throws IOException {
      String head = readHead(in);
      if (head == null) {
        return null;
      }
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      buf.write(head.getBytes(ISO_8859_1));
      // A response to HEAD announces the length of a body it does not have.
      boolean bodiless = toHead || status == 204 || status == 304 || status < 200;
      boolean readToEnd = !bodiless && copyBody(in, buf, head, true);
      return new HttpMessage("", "", buf.toByteArray(), head.length(), readToEnd || closes(head));
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      for (int b; (b = in.read()) >= 0; ) {
        head.write(b);
        matched =
            (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        if (matched == 4) {
          return head.toString(ISO_8859_1);
        }
      }
      return null;
    }

    /**
     * Copies the body the head announces.
     *
     * @return true if the body runs to the end of the connection
     */
    private static boolean copyBody(
        InputStream in, ByteArrayOutputStream out, String head, boolean mayRunToEnd)
        throws IOException {
      String lower = head.toLowerCase(Locale.ROOT);
      String length = header(lower, "content-length");
      if (length != null) {
        out.write(readExactly(in, Long.parseLong(length.trim())));
        return false;
      }
      String encoding = header(lower, "transfer-encoding");
      if (encoding != null && encoding.contains("chunked")) {
        while (true) {
          String line = readLine(in);
          out.write((line + "\r\n").getBytes(ISO_8859_1));
          int size = Integer.parseInt(line.split(";")[0].trim(), 16);
          if (size == 0) {
            for (String trailer; !(trailer = readLine(in)).isEmpty(); ) {
              out.write((trailer + "\r\n").getBytes(ISO_8859_1));
            }
            out.write("\r\n".getBytes(ISO_8859_1));
            return false;
          }
          out.write(readExactly(in, size + 2));
        }
      }
      if (mayRunToEnd) {
        in.transferTo(out);
        return true;
      }
      return false;
    }

    private static String header(String lowerHead, String name) {
      for (String line : lowerHead.split("\r\n")) {
        if (line.startsWith(name + ":")) {
          return line.substring(name.length() + 1).trim();
        }
      }
      return null;
    }

    private static boolean closes(String head) {
      String c = header(head.toLowerCase(Locale.ROOT), "connection");
      return c != null && c.contains("close");
    }

    private static byte[] readExactly(InputStream in, long n) throws IOException {
      byte[] b = in.readNBytes((int) n);
      if (b.length < n) {
        throw new IOException("connection closed mid-body");
      }
      return b;
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int b; (b = in.read()) >= 0; ) {
        if (b == '\n') {
          return sb.toString().stripTrailing();
        }
        sb.append((char) b);
      }
      throw new IOException("connection closed mid-chunk");
    }
  }
}

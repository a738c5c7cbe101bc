package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.Json;
import dev.cairn.lineage.LineageException;
import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.ConflictException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLParameters;

/**
 * HTTP to a {@code cairn serve}: bearer token, JSON bodies, and the server's {@code {code,
 * message}} errors turned back into the exceptions the store and lineage throw, so a remote caller
 * sees the same errors as a local one. Thread-safe.
 */
public final class ApiClient {
  private final URI base;
  private final Optional<String> token;
  private final HttpClient http;

  public ApiClient(URI base, Optional<String> token) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            // The server speaks HTTP/1.1 only; the default (HTTP/2) would offer an h2c upgrade on
            // every new connection and build its settings frame for each request.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER);
    if ("http".equalsIgnoreCase(this.base.getScheme())) {
      withoutTls(http);
    }
    this.http = http.build();
  }

  /**
   * Without a context of its own, a client loads the JDK's default TLS context and its trust store
   * (measured: 6 to 8% of the samples of a remote snapshot's client) even if it never opens a TLS
   * connection; even an empty JSSE context costs half of that. For plain http it gets {@link
   * NoTls}, which it never uses: redirects are not followed, so no request leaves the http base.
   */
  private static void withoutTls(HttpClient.Builder http) {
    http.sslContext(new NoTls()).sslParameters(new SSLParameters());
  }

  public URI base() {
    return base;
  }

  /** Percent-encodes one path segment or query value. */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A request builder for {@code path} (which starts with '/'), with the token set. */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  public JsonNode get(String path) {
    return json(send(request(path).GET().build()));
  }

  public <T> T get(String path, Class<T> type) {
    return convert(get(path), type);
  }

  public JsonNode post(String path, Object body) {
    return json(send(withJson(request(path), "POST", body).build()));
  }

  public JsonNode put(String path, Object body) {
    return json(send(withJson(request(path), "PUT", body).build()));
  }

  /** Posts {@code body} as JSON and returns the stream of a 2xx answer; close it when done. */
  public InputStream postForStream(String path, Object body) {
    return stream(withJson(request(path), "POST", body).build());
  }

  /** Posts a file as the body (streamed, not loaded) and returns the JSON answer. */
  public JsonNode upload(String path, String contentType, java.nio.file.Path file) {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return upload(path, contentType, in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UnavailableException("Cannot upload " + file + ": it is gone", e);
    } catch (IOException e) {
      throw new UnavailableException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Posts what {@code body} holds, read as it is sent, and returns the JSON answer. */
  public JsonNode upload(String path, String contentType, InputStream body) {
    return send(streamingPost(path, contentType), segmentsOf(body));
  }

  /** A stream as arrays of up to {@link StreamingPost#SEGMENT_BYTES}, each new, for one pass. */
  private static Iterable<byte[]> segmentsOf(InputStream in) {
    return () ->
        new java.util.Iterator<>() {
          private byte[] next;
          private boolean ended;

          @Override
          public boolean hasNext() {
            if (next == null && !ended) {
              try {
                byte[] b = in.readNBytes(StreamingPost.SEGMENT_BYTES);
                ended = b.length < StreamingPost.SEGMENT_BYTES;
                next = b.length > 0 ? b : null;
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
            return next != null;
          }

          @Override
          public byte[] next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            byte[] b = next;
            next = null;
            return b;
          }
        };
  }

  /**
   * A POST to {@code path} whose body the caller streams with {@link #send(StreamingPost,
   * Iterable)}; {@link StreamingPost#cancel} ends it from another thread.
   */
  StreamingPost streamingPost(String path, String contentType) {
    try {
      return new StreamingPost(URI.create(base + path), contentType, token);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * Sends the arrays {@code body} yields as the body of {@code post}, each as it comes, and returns
   * the JSON answer. The iterator may block for the next array.
   */
  JsonNode send(StreamingPost post, Iterable<byte[]> body) {
    StreamingPost.Answer answer;
    try {
      answer = post.send(body);
    } catch (IOException e) {
      throw unreachable(e);
    }
    if (answer.status() / 100 != 2) {
      throw error(answer.status(), answer.body());
    }
    return json(answer.body());
  }

  public void delete(String path) {
    send(request(path).DELETE().build());
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (IOException e) {
      throw new UnavailableException("Cannot read the server's answer: " + e.getMessage(), e);
    }
  }

  /** Sends and returns the body stream of a 2xx answer; errors are thrown as exceptions. */
  public InputStream stream(HttpRequest request) {
    HttpResponse<InputStream> r = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() / 100 != 2) {
      try (InputStream in = r.body()) {
        throw error(r.statusCode(), in.readAllBytes());
      } catch (IOException e) {
        throw new UnavailableException("Cannot read the server's error: " + e.getMessage(), e);
      }
    }
    return r.body();
  }

  /** Sends and returns the body of a 2xx answer; errors are thrown as exceptions. */
  public byte[] send(HttpRequest request) {
    HttpResponse<byte[]> r = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() / 100 != 2) {
      throw error(r.statusCode(), r.body());
    }
    return r.body();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while calling " + base, e);
    }
  }

  private UnavailableException unreachable(IOException e) {
    return new UnavailableException(
        "Cannot reach " + base + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()),
        e);
  }

  private static HttpRequest.Builder withJson(HttpRequest.Builder b, String method, Object body) {
    try {
      byte[] bytes = Json.mapper().writeValueAsBytes(body);
      return b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    } catch (IOException e) {
      throw new InvalidArgumentException("Cannot encode request: " + e.getMessage());
    }
  }

  /** Parses a JSON answer body; an empty body is JSON null. */
  public static JsonNode json(byte[] body) {
    if (body.length == 0) {
      return Json.mapper().nullNode();
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UnavailableException("The server answered with invalid JSON: " + e.getMessage(), e);
    }
  }

  /** The exception a local store would have thrown for this error answer. */
  static RuntimeException error(int status, byte[] body) {
    String code = "HTTP_" + status;
    String message = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode e = Json.mapper().readTree(body);
      if (e != null && e.has("code")) {
        code = e.get("code").asText();
        message = e.path("message").asText();
      }
    } catch (IOException ignored) {
      // not our JSON: keep the raw text
    }
    return switch (code) {
      case "NOT_FOUND" -> new NotFoundException(message);
      case "INVALID_ARGUMENT", "PAYLOAD_TOO_LARGE", "HEADERS_TOO_LARGE", "RANGE_NOT_SATISFIABLE" ->
          new InvalidArgumentException(message);
      case "ALREADY_EXISTS" -> new AlreadyExistsException(message);
      case "CONFLICT" -> new ConflictException(message);
      case "FAILED_PRECONDITION" -> new LineageException.FailedPrecondition(message);
      case "DATA_LOSS" -> new CorruptException(message);
      case "UNAUTHENTICATED", "PERMISSION_DENIED" ->
          new InvalidArgumentException(
              "The server refused the request (" + status + "): " + message);
      default ->
          new UnavailableException("The server failed (" + status + " " + code + "): " + message);
    };
  }
}

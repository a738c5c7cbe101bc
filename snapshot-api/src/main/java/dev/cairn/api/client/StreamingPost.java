package dev.cairn.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.Optional;

/**
 * One POST whose body is written as it is produced, in HTTP chunks, from the calling thread over a
 * plain blocking connection; {@link #cancel} from another thread ends it at once.
 *
 * <p>Why not the JDK's {@code HttpClient}, which every other call uses: it pushes a body through a
 * reactive publisher chain and a selector thread, and on a 1 GB upload its JIT compiling (1.4 s)
 * and its threads (0.6 s) cost more CPU than the server spent verifying the packs. A blocking write
 * hands each segment straight to the socket. Like the other calls, it uses no proxy and follows no
 * redirect.
 */
final class StreamingPost {
  /**
   * The largest array a body should come in: each then goes out as one HTTP chunk, written straight
   * to the socket without a copy into the connection's buffer.
   */
  static final int SEGMENT_BYTES = 1 << 20;

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** The status and body of the server's answer. */
  record Answer(int status, byte[] body) {}

  private final HttpURLConnection connection;
  // Guarded by this: a cancel after the answer was read must not close a connection that went
  // back to the keep-alive pool.
  private boolean cancelled;
  private boolean done;

  StreamingPost(URI uri, String contentType, Optional<String> token) throws IOException {
    connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setChunkedStreamingMode(SEGMENT_BYTES);
    connection.setRequestProperty("Content-Type", contentType);
    token.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
  }

  /**
   * Sends every array of {@code body} in order, then reads the answer. An {@link
   * UncheckedIOException} from the body's iterator stops the request and is thrown as its cause.
   */
  Answer send(Iterable<byte[]> body) throws IOException {
    try {
      // Closed only on success: closing writes the last chunk, which would end a broken body as
      // if it were whole.
      OutputStream out = connection.getOutputStream();
      for (byte[] b : body) {
        out.write(b);
      }
      out.close();
      int status = connection.getResponseCode();
      try (InputStream in =
          status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream()) {
        return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
      }
    } catch (UncheckedIOException e) {
      // The body's producer failed: the server must see a broken request, not a complete one.
      connection.disconnect();
      throw e.getCause();
    } catch (IOException e) {
      connection.disconnect();
      synchronized (this) {
        throw cancelled ? new IOException("the upload was cancelled", e) : e;
      }
    } finally {
      synchronized (this) {
        done = true;
      }
    }
  }

  /** Closes the connection unless the answer is in: a send blocked in a write or read fails. */
  synchronized void cancel() {
    cancelled = true;
    if (!done) {
      connection.disconnect();
    }
  }
}

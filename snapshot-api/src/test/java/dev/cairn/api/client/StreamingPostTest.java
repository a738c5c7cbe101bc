package dev.cairn.api.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A streamed POST against a bare socket: a failed body never looks whole, and cancel unblocks. */
class StreamingPostTest {
  private ServerSocket listener;

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    listener.close();
  }

  private StreamingPost post() throws IOException {
    return new StreamingPost(
        URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/upload"),
        "application/octet-stream",
        Optional.of("secret"));
  }

  /** 64 KiB segments without end, or {@code failAfter} of them and then a failure. */
  private static Iterable<byte[]> body(int failAfter) {
    return () ->
        new Iterator<>() {
          private int given;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public byte[] next() {
            if (given++ == failAfter) {
              throw new UncheckedIOException(new IOException("the pack builder failed"));
            }
            return new byte[64 << 10];
          }
        };
  }

  @Test
  void aBodyThatFailsMidwayEndsTheConnectionWithoutTheLastChunk() throws Exception {
    CompletableFuture<byte[]> received =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket s = listener.accept();
                  InputStream in = s.getInputStream()) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    StreamingPost post = post();
    assertThatThrownBy(() -> post.send(body(3)))
        .isInstanceOf(IOException.class)
        .hasMessage("the pack builder failed");
    String request = new String(received.get(10, TimeUnit.SECONDS), ISO_8859_1);
    assertThat(request).startsWith("POST /upload HTTP/1.1").contains("Bearer secret");
    // Three whole chunks went out, and no zero-length chunk that would end the body as complete.
    assertThat(request).doesNotEndWith("\r\n0\r\n\r\n");
  }

  @Test
  void cancelEndsASendBlockedOnAServerThatStoppedReading() throws Exception {
    CompletableFuture<Socket> accepted =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return listener.accept();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    StreamingPost post = post();
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(
            () -> {
              try {
                post.send(body(Integer.MAX_VALUE));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try (Socket s = accepted.get(10, TimeUnit.SECONDS)) {
      // Nothing is read: once the socket buffers are full, the send blocks in a write.
      Thread.sleep(300);
      assertThat(sending).isNotDone();
      post.cancel();
      assertThatThrownBy(() -> sending.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(UncheckedIOException.class)
          .cause()
          .hasMessage("the upload was cancelled");
    }
  }
}

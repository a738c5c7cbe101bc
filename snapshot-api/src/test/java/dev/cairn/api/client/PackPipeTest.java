package dev.cairn.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pipe from a pack being built to its upload: exact, bounded, and abortable. */
class PackPipeTest {
  @Test
  void bytesPassThroughInOrderWhileTheWriterIsFarAhead() throws Exception {
    byte[] data = new byte[PackPipe.SEGMENT_BYTES * (PackPipe.SEGMENTS + 3) + 12345];
    new Random(1).nextBytes(data);
    PackPipe pipe = new PackPipe("test");
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream out = pipe.output()) {
                for (int at = 0; at < data.length; at += 7000) {
                  out.write(data, at, Math.min(7000, data.length - at));
                }
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
    byte[] read = pipe.input().readAllBytes();
    writer.get(10, TimeUnit.SECONDS);
    assertThat(read).isEqualTo(data);
  }

  @Test
  void abortingFailsAWriterThatWaitsForRoom() throws Exception {
    PackPipe pipe = new PackPipe("test");
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                pipe.output().write(new byte[PackPipe.SEGMENT_BYTES * (PackPipe.SEGMENTS + 2)]);
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
    Thread.sleep(200);
    assertThat(writer).isNotDone();
    pipe.abort("the server refused it");
    assertThatThrownBy(() -> writer.get(10, TimeUnit.SECONDS))
        .hasRootCauseMessage("Upload of pack test stopped: the server refused it");
    assertThatThrownBy(() -> pipe.input().read()).isInstanceOf(IOException.class);
  }
}

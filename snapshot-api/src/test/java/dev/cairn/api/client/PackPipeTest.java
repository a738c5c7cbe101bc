package dev.cairn.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
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
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    int segments = 0;
    for (byte[] segment : pipe.segments()) {
      read.write(segment);
      segments++;
    }
    writer.get(10, TimeUnit.SECONDS);
    assertThat(read.toByteArray()).isEqualTo(data);
    // Whole segments, the last one exactly as long as what was left.
    assertThat(segments).isEqualTo(PackPipe.SEGMENTS + 4);
    assertThatThrownBy(() -> pipe.segments().iterator())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only once");
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
    Iterator<byte[]> reader = pipe.segments().iterator();
    // hasNext() stays true so that whoever pulls the body calls next() and sees the failure.
    assertThat(reader.hasNext()).isTrue();
    assertThatThrownBy(reader::next)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("the server refused it");
  }

  @Test
  void anAbortFailsAReaderThatWaitsForTheNextSegment() throws Exception {
    PackPipe pipe = new PackPipe("test");
    Iterator<byte[]> reader = pipe.segments().iterator();
    CompletableFuture<byte[]> next =
        CompletableFuture.supplyAsync(() -> reader.hasNext() ? reader.next() : null);
    Thread.sleep(200);
    assertThat(next).isNotDone();
    pipe.abort("the walk failed");
    assertThatThrownBy(() -> next.get(10, TimeUnit.SECONDS))
        .hasRootCauseMessage("Upload of pack test stopped: the walk failed");
  }

  @Test
  void anEmptyPipeEndsAtOnce() throws Exception {
    PackPipe pipe = new PackPipe("test");
    pipe.output().close();
    Iterator<byte[]> reader = pipe.segments().iterator();
    assertThat(reader.hasNext()).isFalse();
    // The request ended normally; a later abort does not turn its body into a failure.
    pipe.abort("the request ended");
    assertThat(reader.hasNext()).isFalse();
  }
}

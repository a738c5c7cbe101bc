package dev.cairn.api.client;

import dev.cairn.store.pack.PackBuilder;
import dev.cairn.store.pack.SealedPack;
import java.util.concurrent.CompletableFuture;

/**
 * One pack streamed to the server while it is built: blobs go through a {@link PackPipe} into the
 * body of a request that is already under way, and the footer, which names the pack, goes last. No
 * temp file and no whole pack in memory. Appends and sealing are the owner's to serialize.
 */
final class StreamedPack {
  private final PackPipe pipe;
  private final PackBuilder builder;
  private final CompletableFuture<SealedPack> sealed = new CompletableFuture<>();
  private long lastAppend = System.nanoTime();
  private volatile Runnable cancelRequest = () -> {};

  StreamedPack(String name) {
    this.pipe = new PackPipe(name);
    this.builder = new PackBuilder(pipe.output(), name);
  }

  /** The request body: the pack as it is written, in segments, for one pass. */
  Iterable<byte[]> body() {
    return pipe.segments();
  }

  void append(BlobBatch batch, int i) {
    batch.appendTo(i, builder);
    lastAppend = System.nanoTime();
  }

  /** Bytes written so far. */
  long size() {
    return builder.size();
  }

  long nanosSinceAppend() {
    return System.nanoTime() - lastAppend;
  }

  /** Writes the footer and ends the body. */
  void seal() {
    try {
      sealed.complete(builder.seal());
    } catch (RuntimeException e) {
      sealed.completeExceptionally(e);
      throw e;
    }
  }

  /** The sealed pack, once {@link #seal} has run; throws what sealing threw. */
  SealedPack awaitSealed() {
    return sealed.join();
  }

  /** What {@link #abort} runs to stop the request that carries this pack. */
  void onAbort(Runnable cancelRequest) {
    this.cancelRequest = cancelRequest;
  }

  /**
   * Stops the body and its request: a writer still writing fails instead of waiting for a reader,
   * and a request blocked on the network fails too.
   */
  void abort(String reason) {
    pipe.abort(reason);
    sealed.completeExceptionally(new IllegalStateException("Pack not sealed: " + reason));
    cancelRequest.run();
  }

  long rawBytes() {
    return builder.rawBytes();
  }
}

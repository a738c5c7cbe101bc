package dev.cairn.api.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded in-memory pipe from a pack being built to the request that uploads it: the builder
 * writes into {@link #output()}, the request takes whole segments from {@link #segments()}. At most
 * {@link #SEGMENTS} full segments wait, so a writer ahead of the network waits for room, and memory
 * per pack stays a few MiB. Either side may {@link #abort}; the other then fails instead of
 * waiting. One writer and one reader; thread safe between them.
 *
 * <p>Segments are handed over whole, not copied into a reader's buffer, and an array handed out is
 * written again once the next one is asked for: use each before asking for the next. Reading
 * through an InputStream made the JDK client copy the body into 16 KiB buffers and push each
 * through its publisher chain (about a tenth of a remote snapshot's client CPU), and a new array
 * per segment cost a young collection every few MiB.
 */
final class PackPipe {
  static final int SEGMENT_BYTES = StreamingPost.SEGMENT_BYTES;
  static final int SEGMENTS = 4;

  private static final long POLL_MILLIS = 100;

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> ready = new ArrayBlockingQueue<>(SEGMENTS);
  // Segments the reader is done with, for the writer to fill again.
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(SEGMENTS + 2);
  private final String name;
  private volatile String abortedBecause;
  private final AtomicBoolean taken = new AtomicBoolean();

  private final OutputStream output = new Writer();

  /** {@code name} names the pack in errors. */
  PackPipe(String name) {
    this.name = name;
  }

  OutputStream output() {
    return output;
  }

  /**
   * The pipe's bytes as whole segments, in order, for one pass: a second {@code iterator()} throws.
   * {@code hasNext} waits for the writer and never throws; once the pipe is aborted it answers true
   * and {@code next} throws an {@link UncheckedIOException}, so a publisher that checks {@code
   * hasNext} outside its error handling still reports the failure.
   */
  Iterable<byte[]> segments() {
    return () -> {
      if (!taken.compareAndSet(false, true)) {
        throw new IllegalStateException("The body of pack " + name + " can be read only once");
      }
      return new Reader();
    };
  }

  /** Makes every later or waiting read and write fail with {@code reason}; the first one stays. */
  synchronized void abort(String reason) {
    if (abortedBecause == null) {
      abortedBecause = reason;
    }
    ready.clear();
  }

  private IOException aborted() {
    return new IOException("Upload of pack " + name + " stopped: " + abortedBecause);
  }

  private final class Writer extends OutputStream {
    private byte[] segment;
    private int used;
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (segment == null) {
          byte[] reused = spare.poll();
          segment = reused != null ? reused : new byte[SEGMENT_BYTES];
          used = 0;
        }
        int n = Math.min(len, segment.length - used);
        System.arraycopy(b, off, segment, used, n);
        used += n;
        off += n;
        len -= n;
        if (used == segment.length) {
          hand(segment);
          segment = null;
        }
      }
    }

    /** Hands the last bytes over and marks the end: the reader sees the pack complete. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (segment != null && used > 0) {
        hand(Arrays.copyOf(segment, used));
      }
      segment = null;
      hand(END);
    }

    private void hand(byte[] s) throws IOException {
      try {
        while (!ready.offer(s, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          if (abortedBecause != null) {
            throw aborted();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while uploading pack " + name);
      }
      if (abortedBecause != null) {
        throw aborted();
      }
    }
  }

  private final class Reader implements Iterator<byte[]> {
    private byte[] next;
    private byte[] lent;
    private boolean ended;

    @Override
    public boolean hasNext() {
      if (ended) {
        return false;
      }
      if (next == null && abortedBecause == null) {
        next = take();
        if (next == END) {
          next = null;
          ended = true;
          return false;
        }
      }
      // A segment waits, or the pipe was aborted and next() reports it.
      return true;
    }

    @Override
    public byte[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (abortedBecause != null || next == null) {
        throw new UncheckedIOException(aborted());
      }
      if (lent != null && lent.length == SEGMENT_BYTES) {
        spare.offer(lent);
      }
      lent = next;
      next = null;
      return lent;
    }

    /** The next segment or {@link #END}; null once the pipe is aborted. */
    private byte[] take() {
      try {
        byte[] s;
        while ((s = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
          if (abortedBecause != null) {
            return null;
          }
        }
        return s;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort("interrupted");
        return null;
      }
    }
  }
}

package dev.cairn.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded in-memory pipe from a pack being built to the request that uploads it: the builder
 * writes into {@link #output()}, the HTTP client reads {@link #input()}. At most {@link #SEGMENTS}
 * full segments wait, so a writer ahead of the network waits for room, and memory per pack stays a
 * few MiB. Either side may {@link #abort}; the other then fails instead of waiting. One writer and
 * one reader; thread safe between them.
 */
final class PackPipe {
  static final int SEGMENT_BYTES = 1 << 20;
  static final int SEGMENTS = 4;

  private static final long POLL_MILLIS = 100;

  private record Segment(byte[] bytes, int length) {}

  private static final Segment END = new Segment(new byte[0], 0);

  private final BlockingQueue<Segment> ready = new ArrayBlockingQueue<>(SEGMENTS);
  // Segments the reader emptied, for the writer to fill again.
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(SEGMENTS + 2);
  private final String name;
  private volatile String abortedBecause;

  private final OutputStream output = new Writer();
  private final InputStream input = new Reader();

  /** {@code name} names the pack in errors. */
  PackPipe(String name) {
    this.name = name;
  }

  OutputStream output() {
    return output;
  }

  InputStream input() {
    return input;
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
          hand(new Segment(segment, used));
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
        hand(new Segment(segment, used));
      }
      segment = null;
      hand(END);
    }

    private void hand(Segment s) throws IOException {
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

  private final class Reader extends InputStream {
    private Segment current;
    private int at;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (abortedBecause != null) {
        throw aborted();
      }
      if (len == 0) {
        return 0;
      }
      while (current == null || at == current.length()) {
        if (ended) {
          return -1;
        }
        if (current != null) {
          spare.offer(current.bytes());
        }
        current = next();
        at = 0;
        if (current == END) {
          ended = true;
          current = null;
          return -1;
        }
      }
      int n = Math.min(len, current.length() - at);
      System.arraycopy(current.bytes(), at, b, off, n);
      at += n;
      return n;
    }

    private Segment next() throws IOException {
      try {
        Segment s;
        while ((s = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
          if (abortedBecause != null) {
            throw aborted();
          }
        }
        return s;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while uploading pack " + name);
      }
    }
  }
}

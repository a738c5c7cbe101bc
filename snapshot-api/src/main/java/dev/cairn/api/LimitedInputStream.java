package dev.cairn.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a body through and fails with 413 once it is longer than the limit. */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final Runnable atEnd;
  private long read;

  LimitedInputStream(InputStream in, long limit, Runnable atEnd) {
    super(in);
    this.limit = limit;
    this.atEnd = atEnd;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    } else {
      atEnd.run();
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      count(n);
    } else if (n < 0) {
      atEnd.run();
    }
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > limit) {
      throw ApiException.tooLarge("Request body is larger than the " + limit + " bytes allowed");
    }
  }
}

package dev.cairn.store.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one write operation; updated from many threads. */
public final class WriteStats {
  final LongAdder filesRead = new LongAdder();
  final LongAdder filesReused = new LongAdder();
  final LongAdder bytesRead = new LongAdder();
  final LongAdder blobsAdded = new LongAdder();
  final LongAdder blobsDeduplicated = new LongAdder();
  final LongAdder rawBytesAdded = new LongAdder();
  final LongAdder storedBytesAdded = new LongAdder();

  public long filesRead() {
    return filesRead.sum();
  }

  public long filesReused() {
    return filesReused.sum();
  }

  public long bytesRead() {
    return bytesRead.sum();
  }

  public long blobsAdded() {
    return blobsAdded.sum();
  }

  public long blobsDeduplicated() {
    return blobsDeduplicated.sum();
  }

  public long rawBytesAdded() {
    return rawBytesAdded.sum();
  }

  public long storedBytesAdded() {
    return storedBytesAdded.sum();
  }
}

package dev.cairn.store.transfer;

import dev.cairn.store.BlobKind;
import dev.cairn.store.Progress;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.StoredBlobSource;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackBuilder;
import dev.cairn.store.pack.SealedPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends planned blobs in packs of the store's own format: reads them on several threads (as the
 * source stores them where it can, else decoded, verified and compressed again), appends them in
 * order, and uploads each pack as it fills while the next one is built. Chunks go first and trees
 * last, so a destination that is cut off midway holds content before the structure that names it.
 * Memory and scratch disk stay bounded (a group of blobs, a few packs). Not thread safe: one {@link
 * #send} at a time.
 */
final class PackSender implements AutoCloseable {
  /** Packs sealed and waiting for, or in, upload. */
  private static final int PACKS_IN_FLIGHT = 2;

  private final SourceBlobs source;
  private final Optional<StoredBlobSource> stored;
  private final SupportsUploads destination;
  private final BlobCodec codec;
  private final long packTarget;
  private final int threads;
  private final Path scratch;
  private final ExecutorService readers;
  private final ExecutorService uploader;
  private final Semaphore slots = new Semaphore(PACKS_IN_FLIGHT);
  private final Queue<Future<?>> uploads = new ConcurrentLinkedQueue<>();
  private final LongAdder blobs = new LongAdder();
  private final LongAdder rawBytes = new LongAdder();
  private final LongAdder packs = new LongAdder();
  private final LongAdder packBytes = new LongAdder();
  private Progress progress = Progress.NONE;

  PackSender(
      SourceBlobs source,
      Optional<StoredBlobSource> stored,
      SupportsUploads destination,
      BlobCodec codec,
      long packTarget,
      int threads,
      Path tempDir) {
    this.source = source;
    this.stored = stored;
    this.destination = destination;
    this.codec = codec;
    this.packTarget = packTarget;
    this.threads = threads;
    try {
      Files.createDirectories(tempDir);
      this.scratch = Files.createTempDirectory(tempDir, "cairn-transfer-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create scratch space for packs in " + tempDir, e);
    }
    this.readers = Executors.newFixedThreadPool(threads, PackSender::daemon);
    this.uploader = Executors.newFixedThreadPool(PACKS_IN_FLIGHT, PackSender::daemon);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "cairn-transfer");
    t.setDaemon(true);
    return t;
  }

  /** Sends every blob and returns once the destination has accepted all of them. */
  void send(List<PlannedBlob> planned, Progress progress) {
    this.progress = progress;
    List<PlannedBlob> ordered = new ArrayList<>(planned);
    ordered.sort(Comparator.comparing(PlannedBlob::kind)); // CHUNK, FILE_NODE, TREE
    PackBuilder open = null;
    BlobKind openKind = null;
    int group = threads * 4;
    try {
      for (int i = 0; i < ordered.size(); i += group) {
        for (PackBuilder.Encoded blob :
            encode(ordered.subList(i, Math.min(ordered.size(), i + group)))) {
          // Data and metadata travel in separate packs, as the store keeps them.
          boolean isChunk = blob.kind() == BlobKind.CHUNK;
          if (open != null
              && (open.size() >= packTarget || isChunk != (openKind == BlobKind.CHUNK))) {
            submit(open);
            open = null;
          }
          if (open == null) {
            open = new PackBuilder(scratch);
            openKind = blob.kind();
          }
          open.add(blob);
        }
      }
      if (open != null) {
        submit(open);
        open = null;
      }
      await();
    } finally {
      if (open != null) {
        open.close();
      }
    }
  }

  /** Reads, verifies and compresses a group of blobs in parallel; the result keeps their order. */
  private List<PackBuilder.Encoded> encode(List<PlannedBlob> group) {
    List<Future<PackBuilder.Encoded>> futures = new ArrayList<>(group.size());
    for (PlannedBlob b : group) {
      futures.add(readers.submit(() -> stored.isPresent() ? asStored(b) : reencoded(b)));
    }
    List<PackBuilder.Encoded> out = new ArrayList<>(group.size());
    for (Future<PackBuilder.Encoded> f : futures) {
      out.add(result(f));
    }
    return out;
  }

  /**
   * The blob exactly as the source stores it: neither decoded nor compressed again here. The
   * destination verifies it against its id when the pack arrives, as it verifies every blob.
   */
  private PackBuilder.Encoded asStored(PlannedBlob b) {
    StoredBlob s = stored.orElseThrow().readStored(b.id());
    return new PackBuilder.Encoded(b.kind(), b.id(), s.bytes(), s.rawLength(), s.compressed());
  }

  /** The blob read (and verified) from a source that only serves raw blobs, then compressed. */
  private PackBuilder.Encoded reencoded(PlannedBlob b) {
    byte[] raw = source.read(b.id());
    return PackBuilder.encode(codec, b.kind(), b.id(), raw, 0, raw.length);
  }

  private void submit(PackBuilder full) {
    long raw = full.rawBytes();
    int count = full.blobCount();
    SealedPack sealed = full.seal();
    slots.acquireUninterruptibly();
    uploads.add(
        uploader.submit(
            () -> {
              try {
                ReceivedPack r = destination.receivePack(sealed.file());
                blobs.add(count);
                rawBytes.add(raw);
                packs.increment();
                packBytes.add(r.bytes());
                progress.advance(count, raw);
              } finally {
                deleteQuietly(sealed.file());
                slots.release();
              }
            }));
    // Fail fast: a refused pack stops the transfer before more is read.
    uploads.removeIf(f -> f.isDone() && result(f) == null);
  }

  private void await() {
    Future<?> f;
    while ((f = uploads.poll()) != null) {
      result(f);
    }
  }

  private static <T> T result(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while sending packs", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new UnavailableException("Cannot send pack: " + e.getCause(), e.getCause());
    }
  }

  long blobsSent() {
    return blobs.sum();
  }

  long rawBytesSent() {
    return rawBytes.sum();
  }

  long packsSent() {
    return packs.sum();
  }

  long packBytesSent() {
    return packBytes.sum();
  }

  /** Stops; packs not yet accepted are dropped (the destination keeps those it stored). */
  @Override
  public void close() {
    readers.shutdownNow();
    uploader.shutdownNow();
    try {
      uploader.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(scratch)) {
      files.forEach(PackSender::deleteQuietly);
    } catch (IOException e) {
      // best effort: the directory is in scratch space
    }
    deleteQuietly(scratch);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // scratch space; nothing refers to it
    }
  }
}

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

  /** Raw bytes of a group read as stored: a few requests' worth in memory at once. */
  static final long STORED_GROUP_BYTES = 16L << 20;

  /** Blobs in a group read as stored, for groups of many small file nodes and trees. */
  static final int STORED_GROUP_BLOBS = 4096;

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
    try {
      for (List<PlannedBlob> group : groups(ordered)) {
        for (PackBuilder.Encoded blob : encode(group)) {
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

  /**
   * The blobs in groups read together. Blobs read as stored come in groups of up to {@link
   * #STORED_GROUP_BYTES}, one read per reader thread, so a server answers each share in one
   * request; blobs decoded and compressed again come a few per thread.
   */
  private List<List<PlannedBlob>> groups(List<PlannedBlob> ordered) {
    List<List<PlannedBlob>> out = new ArrayList<>();
    int from = 0;
    long bytes = 0;
    for (int i = 0; i < ordered.size(); i++) {
      bytes += ordered.get(i).rawLength();
      int count = i + 1 - from;
      boolean full =
          stored.isPresent()
              ? bytes >= STORED_GROUP_BYTES || count >= STORED_GROUP_BLOBS
              : count >= threads * 4;
      if (full || i == ordered.size() - 1) {
        out.add(ordered.subList(from, i + 1));
        from = i + 1;
        bytes = 0;
      }
    }
    return out;
  }

  /** Reads (and verifies, or leaves that to the destination) a group in parallel, in order. */
  private List<PackBuilder.Encoded> encode(List<PlannedBlob> group) {
    List<Future<List<PackBuilder.Encoded>>> futures = new ArrayList<>();
    if (stored.isPresent()) {
      int share = (group.size() + threads - 1) / threads;
      for (int i = 0; i < group.size(); i += share) {
        List<PlannedBlob> part = group.subList(i, Math.min(group.size(), i + share));
        futures.add(readers.submit(() -> asStored(part)));
      }
    } else {
      for (PlannedBlob b : group) {
        futures.add(readers.submit(() -> List.of(reencoded(b))));
      }
    }
    List<PackBuilder.Encoded> out = new ArrayList<>(group.size());
    for (Future<List<PackBuilder.Encoded>> f : futures) {
      out.addAll(result(f));
    }
    return out;
  }

  /**
   * The blobs exactly as the source stores them, in one read: neither decoded nor compressed again
   * here. The destination verifies each against its id when the pack arrives, as it verifies every
   * blob.
   */
  private List<PackBuilder.Encoded> asStored(List<PlannedBlob> part) {
    List<StoredBlob> read =
        stored.orElseThrow().readStored(part.stream().map(PlannedBlob::id).toList());
    List<PackBuilder.Encoded> out = new ArrayList<>(part.size());
    for (int i = 0; i < part.size(); i++) {
      PlannedBlob b = part.get(i);
      StoredBlob s = read.get(i);
      out.add(new PackBuilder.Encoded(b.kind(), b.id(), s.bytes(), s.rawLength(), s.compressed()));
    }
    return out;
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

package dev.cairn.api.client;

import dev.cairn.store.BlobKind;
import dev.cairn.store.BlobSink;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.SealedPack;
import dev.cairn.store.proto.Compression;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a server the blobs it lacks. Blobs are compressed as the store compresses them on the
 * threads that offer them, and gathered into batches whose ids are asked about in one call, off
 * those threads; the missing ones are appended to data or metadata packs, each streamed to the
 * server in a request of its own while it fills (see {@link StreamedPack}), sealed at its target
 * size or when nothing was added to it for {@link #IDLE_SEAL_NANOS}, so a request never idles into
 * the server's timeout. Each id is asked about once per upload. Memory stays bounded (a few
 * batches, a few MiB per pack in flight), and no scratch disk is used. Thread safe.
 */
final class PackUploader implements BlobSink, AutoCloseable {
  /** Ids per missing-blobs call; the server takes up to 20,000. */
  static final int BATCH_IDS = 4096;

  /**
   * Compressed bytes held per batch while its ids are asked about. The bytes wait in an arena that
   * is reused from batch to batch (see {@link BlobBatch}), so a larger batch costs no collections;
   * it buys fewer round trips, and with {@link #BATCHES_IN_FLIGHT} it bounds how much chunking can
   * run ahead of the answers. On the 1 GB remote-bench data set under load, three 2 MiB batches
   * waiting on answers that queued behind pack verification (150 ms each) held the client near 40
   * MB/s.
   */
  static final long BATCH_BYTES = 16L << 20;

  // At most half a pack per batch as well, so that packs fill and upload as answers come in.
  private final long batchBytes;

  private final ApiClient client;
  private final RemoteUploads server;
  private final long packTarget;
  private final BlobCodec codec;
  private final ExecutorService uploader;
  private final ScheduledExecutorService idleSealer;
  private final Semaphore uploadSlots;
  private final Queue<Future<?>> uploads = new ConcurrentLinkedQueue<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean closed;
  private final Map<ObjectId, Boolean> seen = new ConcurrentHashMap<>();
  private final Slot data = new Slot("data");
  private final Slot meta = new Slot("metadata");
  private final Object batchLock = new Object();
  // Batches whose answers have been packed, for reuse; a handful per upload (see BlobBatch).
  private final Queue<BlobBatch> freeBatches = new ConcurrentLinkedQueue<>();
  private BlobBatch batch;

  private final LongAdder idsAsked = new LongAdder();
  private final LongAdder blobsSent = new LongAdder();
  private final LongAdder rawBytesSent = new LongAdder();
  private final LongAdder packsSent = new LongAdder();
  private final LongAdder packBytesSent = new LongAdder();

  /** Batches waiting for an answer at once; each holds up to {@link #BATCH_BYTES}. */
  private static final int BATCHES_IN_FLIGHT = 3;

  private final ExecutorService asker;
  private final Semaphore batchSlots = new Semaphore(BATCHES_IN_FLIGHT);
  private final Queue<Future<?>> questions = new ConcurrentLinkedQueue<>();

  /**
   * A pack nothing was added to for this long is sealed, well within the server's idle timeout (60
   * s by default): while the walk reads files the server already holds, no blob arrives.
   */
  static final long IDLE_SEAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final long idleSealNanos;

  PackUploader(ApiClient client, String namespace, RepositoryConfig config, int threads) {
    this(client, namespace, config, threads, IDLE_SEAL_NANOS);
  }

  /** With packs sealed after {@code idleSealNanos} without an append; for tests. */
  PackUploader(
      ApiClient client,
      String namespace,
      RepositoryConfig config,
      int threads,
      long idleSealNanos) {
    this.idleSealNanos = idleSealNanos;
    this.client = client;
    this.server = new RemoteUploads(client, namespace);
    this.packTarget = config.packTargetBytes();
    this.codec = new BlobCodec(config.compressionLevel());
    this.batchBytes = Math.min(BATCH_BYTES, Math.max(1 << 16, packTarget / 2));
    this.batch = newBatch();
    // Requests in flight: the open data and metadata packs, and up to {@code threads} sealed ones
    // that the server is verifying.
    this.uploader = Executors.newFixedThreadPool(threads + 2, PackUploader::daemon);
    this.uploadSlots = new Semaphore(threads + 2);
    this.asker = Executors.newFixedThreadPool(BATCHES_IN_FLIGHT, PackUploader::daemon);
    this.idleSealer = Executors.newSingleThreadScheduledExecutor(PackUploader::daemon);
    long check = Math.max(1, Math.min(TimeUnit.SECONDS.toNanos(1), idleSealNanos / 4));
    idleSealer.scheduleWithFixedDelay(this::sealIdle, check, check, TimeUnit.NANOSECONDS);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "cairn-pack-upload");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void put(BlobKind kind, ObjectId id, byte[] bytes, int offset, int length) {
    rethrowFailure();
    if (seen.putIfAbsent(id, Boolean.TRUE) != null) {
      return;
    }
    // Compressing here, before knowing whether the server needs the blob, spreads the work over
    // every walking thread; the blobs a server already holds were mostly never read at all.
    // The codec's buffer is this thread's until its next encode, so it is copied under the lock.
    BlobCodec.Encoded enc = codec.encode(bytes, offset, length);
    BlobBatch full = null;
    synchronized (batchLock) {
      if (enc == null) {
        batch.add(kind, id, bytes, offset, length, length, Compression.COMPRESSION_NONE);
      } else {
        batch.add(kind, id, enc.bytes(), 0, enc.length(), length, Compression.COMPRESSION_ZSTD);
      }
      if (batch.size() >= BATCH_IDS || batch.bytes() >= batchBytes) {
        full = takeBatch();
      }
    }
    if (full != null) {
      ask(full);
    }
  }

  private BlobBatch takeBatch() {
    BlobBatch taken = batch;
    batch = newBatch();
    return taken;
  }

  private BlobBatch newBatch() {
    BlobBatch free = freeBatches.poll();
    // Room for a full batch plus one large chunk; a larger blob grows the arena once.
    return free != null ? free : new BlobBatch((int) batchBytes + (1 << 20));
  }

  /** Asks, off the caller's thread, which of a batch the server lacks, and packs those. */
  private void ask(BlobBatch blobs) {
    batchSlots.acquireUninterruptibly();
    if (closed) {
      batchSlots.release();
      throw new UnavailableException("Cannot upload blobs: the upload was stopped");
    }
    questions.add(
        asker.submit(
            () -> {
              try {
                Set<ObjectId> missing = missing(blobs.ids());
                for (int i = 0; i < blobs.size(); i++) {
                  if (missing.contains(blobs.id(i))) {
                    (blobs.kind(i) == BlobKind.CHUNK ? data : meta).add(blobs, i);
                  }
                }
                blobs.clear();
                freeBatches.add(blobs);
              } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                throw e;
              } finally {
                batchSlots.release();
              }
            }));
  }

  private Set<ObjectId> missing(List<ObjectId> ids) {
    idsAsked.add(ids.size());
    return server.missing(ids);
  }

  /**
   * Sends what is still batched, seals the open packs and waits until every pack is stored; then
   * everything put so far is on the server.
   */
  void finish() {
    BlobBatch rest;
    synchronized (batchLock) {
      rest = takeBatch();
    }
    try {
      if (rest.size() > 0) {
        ask(rest);
      }
      awaitAll(questions);
      data.rotate();
      meta.rotate();
      awaitAll(uploads);
    } catch (RuntimeException e) {
      // The first failure is the cause; a pack writer that failed because its request had
      // failed only says that the request ended.
      rethrowFailure();
      throw e;
    }
    rethrowFailure();
  }

  private static void awaitAll(Queue<Future<?>> tasks) {
    Future<?> f;
    while ((f = tasks.poll()) != null) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("Interrupted while uploading blobs", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re
            ? re
            : new UnavailableException("Cannot upload blobs: " + e.getCause(), e.getCause());
      }
    }
  }

  UploadStats stats() {
    return new UploadStats(
        idsAsked.sum(), blobsSent.sum(), rawBytesSent.sum(), packsSent.sum(), packBytesSent.sum());
  }

  /** Runs one pack's request, which ends once the pack is sealed and the server stored it. */
  private void send(StreamedPack pack) {
    try {
      StreamingPost post = server.packUpload();
      pack.onAbort(post::cancel);
      client.send(post, pack.body());
      SealedPack sealed = pack.awaitSealed();
      packsSent.increment();
      packBytesSent.add(sealed.size());
      blobsSent.add(sealed.entries().size());
      rawBytesSent.add(pack.rawBytes());
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      pack.abort(e.getMessage());
      throw e;
    } finally {
      pack.abort("the request ended");
      uploadSlots.release();
    }
  }

  /** Seals packs nothing was added to for a while (by default {@link #IDLE_SEAL_NANOS}). */
  private void sealIdle() {
    try {
      data.sealIfIdle();
      meta.sealIfIdle();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void rethrowFailure() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  /** The open pack of one kind; appends are serialized, sealing and upload are not. */
  private final class Slot {
    private final String kind;
    private StreamedPack open;

    Slot(String kind) {
      this.kind = kind;
    }

    void add(BlobBatch batch, int i) {
      StreamedPack full = null;
      synchronized (this) {
        if (open == null) {
          open = start();
        }
        open.append(batch, i);
        if (open.size() >= packTarget) {
          full = open;
          open = null;
        }
      }
      if (full != null) {
        full.seal();
      }
    }

    void rotate() {
      StreamedPack full;
      synchronized (this) {
        full = open;
        open = null;
      }
      if (full != null) {
        full.seal();
      }
    }

    void sealIfIdle() {
      StreamedPack idle = null;
      synchronized (this) {
        if (open != null && open.nanosSinceAppend() > idleSealNanos) {
          idle = open;
          open = null;
        }
      }
      if (idle != null) {
        idle.seal();
      }
    }

    synchronized void discard() {
      if (open != null) {
        open.abort("the upload was stopped");
        open = null;
      }
    }

    /** Opens a pack and its request; waits while too many requests are in flight. */
    private StreamedPack start() {
      uploadSlots.acquireUninterruptibly();
      if (closed) {
        uploadSlots.release();
        throw new UnavailableException("Cannot upload blobs: the upload was stopped");
      }
      StreamedPack pack = new StreamedPack(kind + " pack for " + client.base());
      uploads.add(uploader.submit(() -> send(pack)));
      return pack;
    }
  }

  /** Stops uploading; packs not yet sent are dropped (the server keeps those already stored). */
  @Override
  public void close() {
    closed = true;
    idleSealer.shutdownNow();
    asker.shutdownNow();
    data.discard();
    meta.discard();
    uploader.shutdownNow();
    // Producers still walking may wait for a slot that a dropped task would have freed.
    uploadSlots.release(Integer.MAX_VALUE / 2);
    batchSlots.release(Integer.MAX_VALUE / 2);
    try {
      asker.awaitTermination(30, TimeUnit.SECONDS);
      uploader.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.BlobKind;
import dev.cairn.store.BlobSink;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackBuilder;
import dev.cairn.store.pack.SealedPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a server the blobs it lacks. Blobs are gathered into batches whose ids are asked about in
 * one call; the missing ones are compressed as the store compresses and appended to data or
 * metadata packs, which upload in parallel as they fill. Each id is asked about once per upload.
 * Memory stays bounded (a few batches), and so does scratch disk (a few packs). Thread safe.
 */
final class PackUploader implements BlobSink, AutoCloseable {
  /** Ids per missing-blobs call; the server takes up to 20,000. */
  static final int BATCH_IDS = 1024;

  /** Raw bytes held per batch while its ids are asked about. */
  static final long BATCH_BYTES = 8L << 20;

  private final ApiClient client;
  private final String namespace;
  private final long packTarget;
  private final BlobCodec codec;
  private final Path tempDir;
  private final ExecutorService uploader;
  private final Semaphore uploadSlots;
  private final Queue<Future<?>> uploads = new ConcurrentLinkedQueue<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean closed;
  private final Map<ObjectId, Boolean> seen = new ConcurrentHashMap<>();
  private final Slot data = new Slot();
  private final Slot meta = new Slot();
  private final Object batchLock = new Object();
  private List<Pending> batch = new ArrayList<>();
  private long batchBytes;

  private final LongAdder idsAsked = new LongAdder();
  private final LongAdder blobsSent = new LongAdder();
  private final LongAdder rawBytesSent = new LongAdder();
  private final LongAdder packsSent = new LongAdder();
  private final LongAdder packBytesSent = new LongAdder();

  private record Pending(BlobKind kind, ObjectId id, byte[] bytes) {}

  PackUploader(
      ApiClient client, String namespace, RepositoryConfig config, Path tempDir, int threads) {
    this.client = client;
    this.namespace = namespace;
    this.packTarget = config.packTargetBytes();
    this.codec = new BlobCodec(config.compressionLevel());
    try {
      this.tempDir = Files.createTempDirectory(tempDir, "cairn-upload-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create upload scratch space in " + tempDir, e);
    }
    this.uploader = Executors.newFixedThreadPool(threads, PackUploader::daemon);
    // Bounds sealed packs waiting for upload, and so the scratch disk they use.
    this.uploadSlots = new Semaphore(threads + 1);
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
    Pending p = new Pending(kind, id, Arrays.copyOfRange(bytes, offset, offset + length));
    List<Pending> full = null;
    synchronized (batchLock) {
      batch.add(p);
      batchBytes += length;
      if (batch.size() >= BATCH_IDS || batchBytes >= BATCH_BYTES) {
        full = takeBatch();
      }
    }
    if (full != null) {
      send(full);
    }
  }

  private List<Pending> takeBatch() {
    List<Pending> taken = batch;
    batch = new ArrayList<>();
    batchBytes = 0;
    return taken;
  }

  /** Asks which of a batch the server lacks and packs those. */
  private void send(List<Pending> pending) {
    Set<ObjectId> missing = missing(pending.stream().map(Pending::id).toList());
    for (Pending p : pending) {
      if (missing.contains(p.id())) {
        PackBuilder.Encoded e =
            PackBuilder.encode(codec, p.kind(), p.id(), p.bytes(), 0, p.bytes().length);
        (p.kind() == BlobKind.CHUNK ? data : meta).add(e);
      }
    }
  }

  private Set<ObjectId> missing(List<ObjectId> ids) {
    idsAsked.add(ids.size());
    JsonNode answer =
        client.post(
            "/api/v1/namespaces/" + ApiClient.encode(namespace) + "/blobs/missing",
            Map.of("ids", ids.stream().map(ObjectId::toString).toList()));
    Set<ObjectId> out = new HashSet<>();
    answer.path("missing").forEach(id -> out.add(ObjectId.parse(id.asText())));
    return out;
  }

  /**
   * Sends what is still batched, seals the open packs and waits until every pack is stored; then
   * everything put so far is on the server.
   */
  void finish() {
    List<Pending> rest;
    synchronized (batchLock) {
      rest = takeBatch();
    }
    if (!rest.isEmpty()) {
      send(rest);
    }
    data.rotate();
    meta.rotate();
    Future<?> f;
    while ((f = uploads.poll()) != null) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("Interrupted while uploading packs", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re
            ? re
            : new UnavailableException("Cannot upload a pack: " + e.getCause(), e.getCause());
      }
    }
    rethrowFailure();
  }

  UploadStats stats() {
    return new UploadStats(
        idsAsked.sum(), blobsSent.sum(), rawBytesSent.sum(), packsSent.sum(), packBytesSent.sum());
  }

  private void upload(SealedPack pack, long rawBytes) {
    try {
      client.upload(
          "/api/v1/namespaces/" + ApiClient.encode(namespace) + "/packs",
          "application/octet-stream",
          pack.file());
      packsSent.increment();
      packBytesSent.add(pack.size());
      blobsSent.add(pack.entries().size());
      rawBytesSent.add(rawBytes);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      throw e;
    } finally {
      deleteQuietly(pack.file());
      uploadSlots.release();
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
    private PackBuilder open;

    void add(PackBuilder.Encoded blob) {
      PackBuilder full = null;
      synchronized (this) {
        if (open == null) {
          open = new PackBuilder(tempDir);
        }
        open.add(blob);
        if (open.size() >= packTarget) {
          full = open;
          open = null;
        }
      }
      if (full != null) {
        submit(full);
      }
    }

    void rotate() {
      PackBuilder full;
      synchronized (this) {
        full = open;
        open = null;
      }
      if (full != null) {
        submit(full);
      }
    }

    synchronized void discard() {
      if (open != null) {
        open.close();
        open = null;
      }
    }

    private void submit(PackBuilder full) {
      long raw = full.rawBytes();
      SealedPack sealed = full.seal();
      uploadSlots.acquireUninterruptibly();
      if (closed) {
        deleteQuietly(sealed.file());
        throw new UnavailableException("Cannot upload pack " + sealed.id() + ": upload stopped");
      }
      uploads.add(uploader.submit(() -> upload(sealed, raw)));
    }
  }

  /** Stops uploading; packs not yet sent are dropped (the server keeps those already stored). */
  @Override
  public void close() {
    closed = true;
    data.discard();
    meta.discard();
    uploader.shutdownNow();
    // Producers still walking may wait for a slot that a dropped upload would have freed.
    uploadSlots.release(Integer.MAX_VALUE / 2);
    try {
      uploader.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(tempDir)) {
      files.forEach(PackUploader::deleteQuietly);
    } catch (IOException e) {
      // best effort: the directory is in the system's temp space
    }
    deleteQuietly(tempDir);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // scratch space; nothing refers to it
    }
  }
}

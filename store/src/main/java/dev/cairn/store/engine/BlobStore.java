package dev.cairn.store.engine;

import dev.cairn.store.CorruptException;
import dev.cairn.store.CrashPoints;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.pack.PackWriter;
import dev.cairn.store.pack.SealedPack;
import dev.cairn.store.proto.BlobLocation;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Content-addressed blob storage: deduplicates against the index and blobs in flight, compresses,
 * appends to data or metadata packs, uploads sealed packs and only then indexes their blobs. Reads
 * verify every blob against its id. Thread safe.
 */
public final class BlobStore implements BlobPut, AutoCloseable {
  private final ObjectBackend backend;
  private final RocksIndex index;
  private final Condemnations condemned;
  private final BlobCodec codec;
  private final Path tempDir;
  private final long packTarget;
  private final PackSlot dataSlot = new PackSlot("data-");
  private final PackSlot metaSlot = new PackSlot("meta-");
  private final Map<ObjectId, Boolean> inFlight = new ConcurrentHashMap<>();
  private final ExecutorService uploader;
  // Every pack upload not yet finished. A flush waits for all of them, not only its own: a writer
  // that deduplicated against a blob in another writer's pack must not commit before that pack is
  // indexed, even while the other writer is the one waiting for it.
  private final Set<Future<?>> uploads = ConcurrentHashMap.newKeySet();
  // Pack uploads that failed so far. A pack holds blobs of every writer that put into it or
  // deduplicated against it while it was open, but only the first flush to wait for it reports its
  // failure: every other writer compares this count at its start with the count after its flush.
  private final AtomicLong failedUploads = new AtomicLong();
  // Bounds sealed packs waiting for upload, and so the temp disk they use.
  private final Semaphore uploadSlots = new Semaphore(4);

  BlobStore(
      ObjectBackend backend,
      RocksIndex index,
      Condemnations condemned,
      BlobCodec codec,
      Path tempDir,
      long packTarget) {
    this.backend = backend;
    this.index = index;
    this.condemned = condemned;
    this.codec = codec;
    this.tempDir = tempDir;
    this.packTarget = packTarget;
    this.uploader = DaemonPools.fixed("cairn-pack-upload-", 2);
  }

  /**
   * Stores a blob whose id the caller computed, unless it exists already. An existing blob that
   * garbage collection condemned is revived instead (see {@link Condemnations#keep}).
   */
  @Override
  public void put(BlobType type, ObjectId id, byte[] raw, int off, int len, WriteStats stats) {
    if (inFlight.containsKey(id)
        || condemned.keep(id)
        || inFlight.putIfAbsent(id, Boolean.TRUE) != null) {
      stats.blobsDeduplicated.increment();
      return;
    }
    BlobCodec.Encoded enc = codec.encode(raw, off, len);
    PackSlot slot = type == BlobType.BLOB_TYPE_CHUNK ? dataSlot : metaSlot;
    int storedLen = enc == null ? len : enc.length();
    slot.append(
        id,
        type,
        enc == null ? raw : enc.bytes(),
        enc == null ? off : 0,
        storedLen,
        len,
        enc == null ? Compression.COMPRESSION_NONE : Compression.COMPRESSION_ZSTD);
    stats.blobsAdded.increment();
    stats.rawBytesAdded.add(len);
    stats.storedBytesAdded.add(storedLen);
  }

  /** Whether a blob is stored (indexed) or about to be (in an open pack). */
  public boolean contains(ObjectId id) {
    return inFlight.containsKey(id) || index.contains(Table.BLOBS, id.toBytes());
  }

  /** How many pack uploads failed so far; a writer reads it before its first put (see flush). */
  long failedUploads() {
    return failedUploads.get();
  }

  /**
   * Seals open packs and waits until every pack is stored and indexed. Throws if any pack upload
   * failed since {@code failedBefore} ({@link #failedUploads} at the writer's start), even one
   * another flush reported already: the writer may rely on a blob of that pack (conservatively, as
   * the pack may as well be another writer's).
   */
  public void flush(long failedBefore) {
    dataSlot.rotate();
    metaSlot.rotate();
    for (Future<?> f : List.copyOf(uploads)) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("Interrupted while storing packs", e);
      } catch (ExecutionException e) {
        uploads.remove(f);
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new UnavailableException("Cannot store pack: " + e.getCause(), e.getCause());
      }
    }
    if (failedUploads.get() != failedBefore) {
      throw new UnavailableException(
          "Cannot finish writing: a pack holding blobs this write relies on could not be stored;"
              + " try again");
    }
  }

  /** Reads and verifies a blob; throws {@link NotFoundException} if the index lacks it. */
  public byte[] get(ObjectId id) {
    return located(id, loc -> read(id, loc));
  }

  /**
   * Reads a blob where the index places it. Garbage collection may repack the blob (and delete its
   * old pack) between the lookup and the read: a read that finds its pack gone looks again.
   */
  private <T> T located(ObjectId id, Function<BlobLocation, T> reader) {
    BlobLocation loc = locate(id);
    try {
      return reader.apply(loc);
    } catch (NotFoundException packGone) {
      BlobLocation now = locate(id);
      if (now.equals(loc)) {
        throw packGone;
      }
      return reader.apply(now);
    }
  }

  private BlobLocation locate(ObjectId id) {
    return index
        .findBlob(id)
        .orElseThrow(() -> new NotFoundException("Blob " + id + " is not in the repository index"));
  }

  /** A blob's stored bytes, unverified; throws {@link NotFoundException} if the index lacks it. */
  public StoredBlob getStored(ObjectId id) {
    return located(id, loc -> stored(id, loc));
  }

  private StoredBlob stored(ObjectId id, BlobLocation loc) {
    String pack = PackFormat.objectName(ObjectId.of(loc.getPack()));
    byte[] stored = backend.read(pack, loc.getOffset(), loc.getStoredLength());
    return switch (loc.getCompression()) {
      case COMPRESSION_ZSTD -> new StoredBlob(id, stored, loc.getRawLength(), true);
      case COMPRESSION_NONE -> new StoredBlob(id, stored, loc.getRawLength(), false);
      default ->
          throw new CorruptException(
              "Blob " + id + " in " + pack + " has unknown compression " + loc.getCompression());
    };
  }

  /** Per-thread direct buffers for {@link #getDirect}: stored bytes, and decompressed bytes. */
  private static final ThreadLocal<ByteBuffer[]> DIRECT =
      ThreadLocal.withInitial(
          () -> new ByteBuffer[] {ByteBuffer.allocateDirect(0), ByteBuffer.allocateDirect(0)});

  /**
   * Reads and verifies a blob into this thread's direct buffers, without allocating: the fast path
   * of restore. The result is valid until this thread's next call.
   */
  public ByteBuffer getDirect(ObjectId id) {
    return located(id, loc -> getDirect(id, loc));
  }

  private ByteBuffer getDirect(ObjectId id, BlobLocation loc) {
    ByteBuffer[] buffers = DIRECT.get();
    ByteBuffer stored = ensure(buffers, 0, loc.getStoredLength());
    ByteBuffer scratch = ensure(buffers, 1, loc.getRawLength());
    String pack = PackFormat.objectName(ObjectId.of(loc.getPack()));
    backend.readInto(pack, loc.getOffset(), stored);
    stored.flip();
    return BlobCodec.decodeDirect(
        stored,
        scratch,
        new BlobCodec.PackEntryView(id, loc.getCompression(), loc.getRawLength()),
        "in " + pack);
  }

  private static ByteBuffer ensure(ByteBuffer[] buffers, int which, int size) {
    if (buffers[which].capacity() < size) {
      buffers[which] = ByteBuffer.allocateDirect(Math.max(size, 1 << 20));
    }
    return buffers[which].clear().limit(size);
  }

  byte[] read(ObjectId id, BlobLocation loc) {
    String pack = PackFormat.objectName(ObjectId.of(loc.getPack()));
    byte[] stored = backend.read(pack, loc.getOffset(), loc.getStoredLength());
    return BlobCodec.decode(
        stored,
        new BlobCodec.PackEntryView(id, loc.getCompression(), loc.getRawLength()),
        "in " + pack);
  }

  private void store(SealedPack pack) {
    try {
      condemned.storing(pack.id(), () -> storeAndIndex(pack));
    } finally {
      // Indexed, or failed: either way a later put must look at the index, and write the blob
      // again if this pack never made it.
      for (PackEntry e : pack.entries()) {
        inFlight.remove(ObjectId.of(e.getId()));
      }
    }
  }

  private Void storeAndIndex(SealedPack pack) {
    String name = PackFormat.objectName(pack.id());
    boolean written = backend.putFile(name, pack.file());
    CrashPoints.visit("pack-stored");
    return condemned.locked(
        () -> {
          requireStillStored(backend, name, written);
          try (Batch batch = index.newBatch()) {
            byte[] packKey = pack.id().toBytes();
            batch.put(Table.PACKS, packKey, ByteBuffer.allocate(8).putLong(pack.size()).array());
            for (PackEntry e : pack.entries()) {
              batch.put(Table.BLOBS, e.getId().toByteArray(), locationOf(pack.id(), e));
              Condemnations.clear(batch, e.getId().toByteArray());
            }
            batch.commit();
          }
          return null;
        });
  }

  /**
   * A guard before indexing a pack whose put found it already stored (same name, so same content):
   * garbage collection never deletes a pack registered in flight (see {@link
   * Condemnations#storing}), so it is still there; indexing one that vanished would lose data.
   */
  static void requireStillStored(ObjectBackend backend, String name, boolean written) {
    if (!written && backend.stat(name).isEmpty()) {
      throw new UnavailableException(
          "Cannot index pack " + name + ": garbage collection deleted it meanwhile; try again");
    }
  }

  static BlobLocation locationOf(ObjectId pack, PackEntry e) {
    return BlobLocation.newBuilder()
        .setPack(pack.toByteString())
        .setType(e.getType())
        .setOffset(e.getOffset())
        .setStoredLength(e.getStoredLength())
        .setRawLength(e.getRawLength())
        .setCompression(e.getCompression())
        .build();
  }

  @Override
  public void close() {
    dataSlot.discard();
    metaSlot.discard();
    uploader.shutdownNow();
  }

  /** The open pack of one kind; appends are serialized, sealing and upload are not. */
  private final class PackSlot {
    private final String prefix;
    private PackWriter open;

    PackSlot(String prefix) {
      this.prefix = prefix;
    }

    void append(
        ObjectId id, BlobType type, byte[] stored, int off, int len, int rawLen, Compression c) {
      FutureTask<Void> upload = null;
      synchronized (this) {
        if (open == null) {
          open = new PackWriter(tempDir, prefix);
        }
        open.append(id, type, stored, off, len, rawLen, c);
        if (open.size() >= packTarget) {
          upload = register(open);
          open = null;
        }
      }
      start(upload);
    }

    void rotate() {
      FutureTask<Void> upload = null;
      synchronized (this) {
        if (open != null) {
          upload = register(open);
          open = null;
        }
      }
      start(upload);
    }

    /**
     * Registers a full pack's upload while the slot is still locked, so that no flush can see the
     * slot empty before the pack it held is among the uploads it waits for.
     */
    private FutureTask<Void> register(PackWriter full) {
      FutureTask<Void> upload =
          new FutureTask<>(
              () -> {
                try {
                  store(full.seal());
                  return null;
                } finally {
                  uploadSlots.release();
                }
              }) {
            @Override
            protected void setException(Throwable t) {
              // Counted before the future completes, so whoever sees it failed sees the count.
              failedUploads.incrementAndGet();
              super.setException(t);
            }

            @Override
            protected void set(Void v) {
              // Done and indexed: nothing left to wait for. A failed upload stays until a flush
              // reports it.
              super.set(v);
              uploads.remove(this);
            }
          };
      uploads.add(upload);
      return upload;
    }

    private void start(FutureTask<Void> upload) {
      if (upload != null) {
        uploadSlots.acquireUninterruptibly();
        uploader.execute(upload);
      }
    }

    synchronized void discard() {
      if (open != null) {
        open.close();
        open = null;
      }
    }
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.BlobSource;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRestorer;
import dev.cairn.store.StoredBlobSource;
import dev.cairn.store.pack.BlobCodec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * The engine's restore over a caller's blob source, which it does not trust: every blob is hashed
 * before use. Use {@link SnapshotRestorer#over}.
 */
public final class BlobSourceRestorer implements SnapshotRestorer {
  private final BlobSource blobs;
  private final Trees trees;
  private final ExecutorService filePool;
  private final ExecutorService segmentPool;

  public BlobSourceRestorer(BlobSource source, int threads) {
    this(threads, id -> verified(id, source.read(id)));
  }

  /** Over blobs as stored, decoded and verified on the restoring threads. */
  public static BlobSourceRestorer overStored(StoredBlobSource source, int threads) {
    return new BlobSourceRestorer(
        threads, id -> BlobCodec.decode(source.readStored(id), "from the restore's source"));
  }

  private BlobSourceRestorer(int threads, BlobSource verifiedBlobs) {
    this.blobs = verifiedBlobs;
    this.trees = new Trees(blobs);
    this.filePool = DaemonPools.fixed("cairn-restore-", threads);
    this.segmentPool = DaemonPools.fixed("cairn-restore-segment-", threads);
  }

  @Override
  public RestoreResult restore(Snapshot snapshot, String path, Path target, Progress progress) {
    Restorer.ChunkReader chunks =
        new Restorer.ChunkReader() {
          @Override
          public ByteBuffer direct(ObjectId id) {
            return ByteBuffer.wrap(blobs.read(id));
          }

          @Override
          public byte[] bytes(ObjectId id) {
            return blobs.read(id);
          }
        };
    return new Restorer(
            new Restorer.Sources(trees, chunks, filePool, segmentPool),
            snapshot.id(),
            snapshot.rootTree())
        .restore(EntryNames.split(path), target, progress);
  }

  private static byte[] verified(ObjectId id, byte[] bytes) {
    if (!ObjectId.hash(bytes).equals(id)) {
      throw new CorruptException("Blob " + id + " is corrupt: its content does not match its id");
    }
    return bytes;
  }

  @Override
  public void close() {
    filePool.shutdownNow();
    segmentPool.shutdownNow();
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.BlobKind;
import dev.cairn.store.BlobSink;
import dev.cairn.store.BuiltTree;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.TreeBuilder;
import dev.cairn.store.chunk.ChunkerParams;
import dev.cairn.store.chunk.FastCdc;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.TreeEntry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The engine's snapshot walk without a repository: blobs go to the caller's sink and reuse comes
 * from the caller's stat cache. Use {@link TreeBuilder#create}.
 */
public final class SourceTreeBuilder implements TreeBuilder {
  private final FastCdc cdc;
  private final int threads;
  private final Clock clock;
  private final ExecutorService walkPool;
  private final ExecutorService filePool;
  private final ExecutorService chunkPool;

  public SourceTreeBuilder(ChunkerParams chunker, int threads, Clock clock) {
    this.cdc = new FastCdc(chunker);
    this.threads = threads;
    this.clock = clock;
    this.walkPool = DaemonPools.fixed("cairn-walk-", threads);
    this.filePool = DaemonPools.fixed("cairn-worker-", threads);
    // As in the repository: file tasks wait for chunk tasks, so these never share a queue.
    this.chunkPool = DaemonPools.fixed("cairn-chunk-", threads);
  }

  @Override
  public BuiltTree build(Path source, BlobSink sink, FileStatCache cache, Progress progress) {
    Path dir = source.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("Cannot snapshot " + dir + ": not a directory");
    }
    BlobPut put = (type, id, raw, off, len, stats) -> sink.put(kind(type), id, raw, off, len);
    // Without a parent snapshot the walk never reads a tree back.
    Trees none =
        new Trees(
            id -> {
              throw new NotFoundException("Tree " + id + " is not available to a tree builder");
            });
    SourceWalk walk =
        new SourceWalk(
            put,
            none,
            new FileChunker(cdc, put, chunkPool, threads),
            new StatCacheReuse(cache),
            new SourceWalk.Pools(walkPool, filePool, new Semaphore(threads * 4)),
            new SourceWalk.Options(
                progress,
                clock.instant().minus(SnapshotWriter.RACY_WINDOW),
                Optional.empty(),
                false));
    TreeEntry root = walk.run(dir, Optional.empty(), Optional.empty());
    WriteStats s = walk.stats;
    return new BuiltTree(
        ObjectId.of(root.getTarget()),
        root.getFileCount(),
        root.getSize(),
        s.filesRead(),
        s.filesReused(),
        s.bytesRead());
  }

  static BlobKind kind(BlobType type) {
    return switch (type) {
      case BLOB_TYPE_CHUNK -> BlobKind.CHUNK;
      case BLOB_TYPE_FILE -> BlobKind.FILE_NODE;
      case BLOB_TYPE_TREE -> BlobKind.TREE;
      default -> throw new IllegalArgumentException("No blob kind for " + type);
    };
  }

  @Override
  public void close() {
    walkPool.shutdownNow();
    filePool.shutdownNow();
    chunkPool.shutdownNow();
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.chunk.FastCdc;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.FileNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Reads one file in large buffers, cuts it with FastCDC, stores each chunk and then the file node.
 * Cutting is sequential; for large files, hashing, compressing and storing the chunks runs on a
 * second pool so one big file uses every core. Memory per file is one read buffer plus a bounded
 * window of chunks in flight, whatever the file's size. Thread safe.
 */
final class FileChunker {
  private final FastCdc cdc;
  private final BlobPut blobs;
  private final int bufferSize;
  private final ThreadLocal<byte[]> buffers;
  private final Executor chunkPool;
  private final int window;

  FileChunker(FastCdc cdc, BlobPut blobs, Executor chunkPool, int threads) {
    this.cdc = cdc;
    this.blobs = blobs;
    this.chunkPool = chunkPool;
    this.window = 2 * threads;
    this.bufferSize = Math.max(4 << 20, 4 * cdc.params().maxSize());
    this.buffers = ThreadLocal.withInitial(() -> new byte[bufferSize]);
  }

  record Result(ObjectId fileNode, long size) {}

  /** Stores a file; {@code expectedSize} (from stat) decides whether its chunks go parallel. */
  Result store(Path file, long expectedSize, WriteStats stats) throws IOException {
    boolean parallel = expectedSize >= 4L * cdc.params().maxSize();
    Semaphore inFlight = new Semaphore(window);
    List<CompletableFuture<ObjectId>> ids = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    long total = 0;
    byte[] buf = buffers.get();
    int max = cdc.params().maxSize();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      int start = 0;
      int end = 0;
      boolean eof = false;
      while (true) {
        if (!eof && end - start < max) {
          // Slide the unconsumed tail to the front and refill.
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
          while (end < buf.length) {
            int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
            if (n < 0) {
              eof = true;
              break;
            }
            end += n;
          }
        }
        if (start == end) {
          break;
        }
        int len = cdc.cut(buf, start, end - start, eof);
        if (parallel) {
          byte[] chunk = Arrays.copyOfRange(buf, start, start + len);
          inFlight.acquireUninterruptibly();
          ids.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return blobs.put(BlobType.BLOB_TYPE_CHUNK, chunk, 0, chunk.length, stats);
                    } finally {
                      inFlight.release();
                    }
                  },
                  chunkPool));
        } else {
          ids.add(
              CompletableFuture.completedFuture(
                  blobs.put(BlobType.BLOB_TYPE_CHUNK, buf, start, len, stats)));
        }
        lengths.add(len);
        total += len;
        start += len;
      }
    }
    FileNode.Builder node = FileNode.newBuilder().setSize(total);
    for (int i = 0; i < ids.size(); i++) {
      node.addChunks(
          ChunkRef.newBuilder().setId(join(ids.get(i)).toByteString()).setLength(lengths.get(i)));
    }
    byte[] bytes = node.build().toByteArray();
    return new Result(blobs.put(BlobType.BLOB_TYPE_FILE, bytes, 0, bytes.length, stats), total);
  }

  private static ObjectId join(CompletableFuture<ObjectId> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }
}

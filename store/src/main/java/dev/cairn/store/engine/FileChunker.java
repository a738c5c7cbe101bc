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

/**
 * Reads one file in large buffers, cuts it with FastCDC, stores each chunk and then the file node.
 * Memory per thread is one buffer of a few MiB whatever the file's size. Thread safe.
 */
final class FileChunker {
  private final FastCdc cdc;
  private final BlobStore blobs;
  private final Trees trees;
  private final int bufferSize;
  private final ThreadLocal<byte[]> buffers;

  FileChunker(FastCdc cdc, BlobStore blobs, Trees trees) {
    this.cdc = cdc;
    this.blobs = blobs;
    this.trees = trees;
    this.bufferSize = Math.max(4 << 20, 4 * cdc.params().maxSize());
    this.buffers = ThreadLocal.withInitial(() -> new byte[bufferSize]);
  }

  record Result(ObjectId fileNode, long size) {}

  Result store(Path file, WriteStats stats) throws IOException {
    FileNode.Builder node = FileNode.newBuilder();
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
        ObjectId id = blobs.put(BlobType.BLOB_TYPE_CHUNK, buf, start, len, stats);
        node.addChunks(ChunkRef.newBuilder().setId(id.toByteString()).setLength(len));
        total += len;
        start += len;
      }
    }
    node.setSize(total);
    return new Result(trees.putFile(node.build(), stats), total);
  }
}

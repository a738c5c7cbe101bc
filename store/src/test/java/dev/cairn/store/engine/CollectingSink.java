package dev.cairn.store.engine;

import dev.cairn.store.BlobKind;
import dev.cairn.store.BlobSink;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.TreeBuilder;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A blob sink that keeps every blob in memory, checking each against its id. */
final class CollectingSink implements BlobSink {
  record Blob(BlobKind kind, byte[] bytes) {}

  final Map<ObjectId, Blob> blobs = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  /**
   * Builds the tree of {@code src} into this sink, as an uploading client does; returns its root.
   */
  ObjectId build(Path src) {
    try (TreeBuilder b = TreeBuilder.create(TestRepos.SMALL_CHUNKS, 2, TestRepos.aheadOfFiles())) {
      return b.build(src, this, FileStatCache.NONE, Progress.NONE).root();
    }
  }

  @Override
  public void put(BlobKind kind, ObjectId id, byte[] data, int offset, int length) {
    byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
    if (!ObjectId.hash(copy).equals(id)) {
      throw new AssertionError("blob " + id + " does not hash to its id");
    }
    calls.incrementAndGet();
    blobs.put(id, new Blob(kind, copy));
  }
}

package dev.cairn.store;

import dev.cairn.store.chunk.ChunkerParams;
import dev.cairn.store.engine.SourceTreeBuilder;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds the tree of a directory exactly as {@link Repository#snapshot} does (the same chunks, file
 * nodes and trees, so the same ids) but hands every blob to a {@link BlobSink} instead of storing
 * it. A client uses it to chunk and hash locally and send a server only what the server lacks.
 * Thread safe; {@link #close} releases its threads.
 */
public interface TreeBuilder extends AutoCloseable {

  /**
   * A builder that cuts files with {@code chunker} (which must be the target repository's) on
   * {@code threads} threads; {@code clock} decides which files changed too recently to be cached.
   */
  static TreeBuilder create(ChunkerParams chunker, int threads, Clock clock) {
    return new SourceTreeBuilder(chunker, threads, clock);
  }

  /**
   * Walks {@code source}, sends every blob of its tree to {@code sink}, and reuses the file nodes
   * {@code cache} knows for unchanged files without reading them. Throws {@link
   * InvalidArgumentException} if {@code source} is not a directory.
   */
  BuiltTree build(Path source, BlobSink sink, FileStatCache cache, Progress progress);

  @Override
  void close();
}

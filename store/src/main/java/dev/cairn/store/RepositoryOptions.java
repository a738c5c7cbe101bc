package dev.cairn.store;

import dev.cairn.store.chunk.ChunkerParams;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings for creating or opening a repository. Chunker, pack size and compression level only
 * matter at init; afterwards the repository's config rules.
 */
public record RepositoryOptions(
    ChunkerParams chunker,
    long packTargetBytes,
    int compressionLevel,
    int threads,
    Duration lockTimeout,
    Clock clock) {
  public static final RepositoryOptions DEFAULTS =
      new RepositoryOptions(
          ChunkerParams.DEFAULT,
          32L << 20,
          1,
          Runtime.getRuntime().availableProcessors(),
          Duration.ofSeconds(60),
          Clock.systemUTC());

  public RepositoryOptions {
    if (packTargetBytes < 1 << 16) {
      throw new InvalidArgumentException(
          "Invalid pack size " + packTargetBytes + ": at least 64 KiB");
    }
    if (compressionLevel < 1 || compressionLevel > 19) {
      throw new InvalidArgumentException(
          "Invalid zstd level " + compressionLevel + ": use 1 to 19");
    }
    if (threads < 1) {
      throw new InvalidArgumentException("Invalid thread count " + threads);
    }
  }

  public RepositoryOptions withChunker(ChunkerParams c) {
    return new RepositoryOptions(c, packTargetBytes, compressionLevel, threads, lockTimeout, clock);
  }

  public RepositoryOptions withPackTargetBytes(long b) {
    return new RepositoryOptions(chunker, b, compressionLevel, threads, lockTimeout, clock);
  }

  public RepositoryOptions withCompressionLevel(int level) {
    return new RepositoryOptions(chunker, packTargetBytes, level, threads, lockTimeout, clock);
  }

  public RepositoryOptions withThreads(int t) {
    return new RepositoryOptions(chunker, packTargetBytes, compressionLevel, t, lockTimeout, clock);
  }

  public RepositoryOptions withLockTimeout(Duration d) {
    return new RepositoryOptions(chunker, packTargetBytes, compressionLevel, threads, d, clock);
  }

  public RepositoryOptions withClock(Clock c) {
    return new RepositoryOptions(
        chunker, packTargetBytes, compressionLevel, threads, lockTimeout, c);
  }
}

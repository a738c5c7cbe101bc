package dev.cairn.store.testkit;

import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.chunk.ChunkerParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Repository options for tests: small chunks and packs so small inputs exercise many of both. */
public final class TestRepos {
  public static final ChunkerParams SMALL_CHUNKS =
      new ChunkerParams(16 << 10, 64 << 10, 256 << 10, ChunkerParams.DEFAULT_GEAR_SEED, 2);

  private TestRepos() {}

  public static RepositoryOptions options() {
    return RepositoryOptions.DEFAULTS
        .withChunker(SMALL_CHUNKS)
        .withPackTargetBytes(1 << 20)
        .withLockTimeout(Duration.ofSeconds(5));
  }

  /**
   * A clock far enough ahead that every file written by the test looks older than the racy window,
   * so the stat cache may be trusted without sleeping.
   */
  public static Clock aheadOfFiles() {
    return Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
  }
}

package dev.cairn.api.client;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * How a {@link RemoteRepository} works on the client: where it keeps its stat cache (none: every
 * file is read on every snapshot), how many threads chunk and restore, how many sealed packs the
 * server may be verifying at once, and the clock that decides which files changed too recently to
 * cache.
 */
public record RemoteOptions(Optional<Path> cacheDir, int threads, int uploadThreads, Clock clock) {

  public RemoteOptions {
    if (threads < 1 || uploadThreads < 1) {
      throw new IllegalArgumentException("Thread counts must be positive");
    }
  }

  /**
   * The stat cache in {@code $CAIRN_CACHE}, else {@code $XDG_CACHE_HOME/cairn/remote}, else {@code
   * ~/.cache/cairn/remote}; all cores.
   */
  public static RemoteOptions defaults() {
    return new RemoteOptions(
        Optional.of(defaultCacheDir()),
        Runtime.getRuntime().availableProcessors(),
        2,
        Clock.systemUTC());
  }

  private static Path defaultCacheDir() {
    String cairn = System.getenv("CAIRN_CACHE");
    if (cairn != null && !cairn.isBlank()) {
      return Path.of(cairn);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cairn").resolve("remote");
  }

  public RemoteOptions withCacheDir(Path dir) {
    return new RemoteOptions(Optional.of(dir), threads, uploadThreads, clock);
  }

  public RemoteOptions withoutCache() {
    return new RemoteOptions(Optional.empty(), threads, uploadThreads, clock);
  }

  public RemoteOptions withThreads(int t) {
    return new RemoteOptions(cacheDir, t, uploadThreads, clock);
  }

  public RemoteOptions withClock(Clock c) {
    return new RemoteOptions(cacheDir, threads, uploadThreads, c);
  }
}

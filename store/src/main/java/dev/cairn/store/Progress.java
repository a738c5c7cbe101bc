package dev.cairn.store;

/** Receives progress of a long operation from many threads; implementations must be thread safe. */
public interface Progress {
  Progress NONE = (files, bytes) -> {};

  /** Called as work completes: {@code files} more files and {@code bytes} more bytes done. */
  void advance(long files, long bytes);
}

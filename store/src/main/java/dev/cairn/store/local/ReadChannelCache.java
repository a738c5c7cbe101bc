package dev.cairn.store.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small LRU of open read channels, so reading many chunks from one pack does not reopen it each
 * time. Positional reads on a FileChannel are thread safe, so channels are shared.
 */
final class ReadChannelCache implements AutoCloseable {
  private final Map<Path, FileChannel> open;

  ReadChannelCache(int capacity) {
    this.open =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Path, FileChannel> eldest) {
            if (size() > capacity) {
              closeQuietly(eldest.getValue());
              return true;
            }
            return false;
          }
        };
  }

  synchronized FileChannel open(Path file) throws IOException {
    FileChannel ch = open.get(file);
    if (ch == null || !ch.isOpen()) {
      ch = FileChannel.open(file, StandardOpenOption.READ);
      open.put(file, ch);
    }
    return ch;
  }

  synchronized void evict(Path file) {
    FileChannel ch = open.remove(file);
    if (ch != null) {
      closeQuietly(ch);
    }
  }

  @Override
  public synchronized void close() {
    open.values().forEach(ReadChannelCache::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // Closing a read-only channel cannot lose data.
    }
  }
}

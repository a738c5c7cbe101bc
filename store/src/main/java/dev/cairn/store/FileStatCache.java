package dev.cairn.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers which file node a file had when it was last read, so a {@link TreeBuilder} can skip
 * reading files whose stat data has not changed. Implementations are thread safe.
 */
public interface FileStatCache {
  /** Remembers nothing: every file is read. */
  FileStatCache NONE =
      new FileStatCache() {
        @Override
        public Optional<ObjectId> find(Path file, FileStat stat) {
          return Optional.empty();
        }

        @Override
        public void remember(Path file, FileStat stat, ObjectId fileNode) {}
      };

  /** The file node recorded for {@code file} (an absolute path) with exactly this stat data. */
  Optional<ObjectId> find(Path file, FileStat stat);

  /**
   * Records the file node of a file that was read whole while its stat data stayed {@code stat}.
   * Files modified too recently to be trusted (racy) are never offered.
   */
  void remember(Path file, FileStat stat, ObjectId fileNode);
}

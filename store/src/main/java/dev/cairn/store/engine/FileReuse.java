package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.TreeEntry;
import java.util.List;
import java.util.Map;

/**
 * Decides which files of a directory keep the file node they had before without being read, and
 * learns the nodes of files that were read. Implementations are thread safe.
 */
interface FileReuse {
  /**
   * The reusable file node ids, by name, among {@code listed}; {@code previous} holds the same
   * directory's entries in the parent snapshot (empty without one).
   */
  Map<String, ObjectId> unchanged(List<SourceEntry> listed, Map<String, TreeEntry> previous);

  /** Called for a file that was read whole while its stat data stayed as listed. */
  void learned(SourceEntry file, ObjectId fileNode);
}

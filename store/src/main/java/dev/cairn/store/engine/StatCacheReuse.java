package dev.cairn.store.engine;

import dev.cairn.store.FileStat;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.TreeEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reuse rule of a tree built for elsewhere: a file keeps the node a caller-supplied cache
 * recorded for exactly its stat data. Whether that node still exists is the receiver's to check.
 */
final class StatCacheReuse implements FileReuse {
  private final FileStatCache cache;

  StatCacheReuse(FileStatCache cache) {
    this.cache = cache;
  }

  @Override
  public Map<String, ObjectId> unchanged(
      List<SourceEntry> listed, Map<String, TreeEntry> previous) {
    Map<String, ObjectId> out = new HashMap<>();
    for (SourceEntry c : listed) {
      if (c.stat().kind() == SourceFile.Kind.FILE) {
        cache.find(c.path(), statOf(c.stat())).ifPresent(id -> out.put(c.name(), id));
      }
    }
    return out;
  }

  @Override
  public void learned(SourceEntry file, ObjectId fileNode) {
    cache.remember(file.path(), statOf(file.stat()), fileNode);
  }

  private static FileStat statOf(SourceFile s) {
    return new FileStat(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode());
  }
}

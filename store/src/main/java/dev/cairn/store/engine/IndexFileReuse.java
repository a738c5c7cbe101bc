package dev.cairn.store.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileCacheEntry;
import dev.cairn.store.proto.TreeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local repository's reuse rule: a file keeps its parent-snapshot node when size and mtime
 * match the parent's entry and the index's file cache holds the same node with matching size,
 * mtime, ctime and inode. The parent's node needs no existence check: the parent references it, so
 * it is retained. What is learned is staged for the snapshot's commit batch.
 */
final class IndexFileReuse implements FileReuse {
  private static final Logger log = LoggerFactory.getLogger(IndexFileReuse.class);

  private final RocksIndex index;
  private final ConcurrentLinkedQueue<byte[][]> learned = new ConcurrentLinkedQueue<>();

  IndexFileReuse(RocksIndex index) {
    this.index = index;
  }

  @Override
  public Map<String, ObjectId> unchanged(
      List<SourceEntry> listed, Map<String, TreeEntry> previous) {
    List<SourceEntry> candidates = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (SourceEntry c : listed) {
      TreeEntry before = previous.get(c.name());
      if (c.stat().kind() == SourceFile.Kind.FILE
          && before != null
          && before.getKind() == EntryKind.ENTRY_KIND_FILE
          && before.getSize() == c.stat().size()
          && before.getMtimeNanos() == c.stat().mtimeNanos()) {
        candidates.add(c);
        keys.add(c.cacheKey());
      }
    }
    // One index call per directory.
    List<byte[]> values = index.multiGet(Table.FILECACHE, keys);
    Map<String, ObjectId> out = new HashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      SourceEntry c = candidates.get(i);
      FileCacheEntry cached = parse(values.get(i), c);
      TreeEntry before = previous.get(c.name());
      if (cached != null
          && cached.getFileNode().equals(before.getTarget())
          && cached.getSize() == c.stat().size()
          && cached.getMtimeNanos() == c.stat().mtimeNanos()
          && cached.getCtimeNanos() == c.stat().ctimeNanos()
          && cached.getInode() == c.stat().inode()) {
        out.put(c.name(), ObjectId.of(before.getTarget()));
      }
    }
    return out;
  }

  private static FileCacheEntry parse(byte[] value, SourceEntry c) {
    if (value == null) {
      return null;
    }
    try {
      return FileCacheEntry.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      // A damaged cache entry only costs a re-read of the file.
      log.debug("Ignoring unreadable file cache entry for {}", c.path());
      return null;
    }
  }

  @Override
  public void learned(SourceEntry file, ObjectId fileNode) {
    SourceFile stat = file.stat();
    learned.add(
        new byte[][] {
          file.cacheKey(),
          FileCacheEntry.newBuilder()
              .setSize(stat.size())
              .setMtimeNanos(stat.mtimeNanos())
              .setCtimeNanos(stat.ctimeNanos())
              .setInode(stat.inode())
              .setFileNode(fileNode.toByteString())
              .build()
              .toByteArray()
        });
  }

  /** Stages what was learned in the snapshot's commit batch. */
  void addTo(Batch batch) {
    for (byte[][] kv : learned) {
      batch.put(Table.FILECACHE, kv[0], kv[1]);
    }
  }
}

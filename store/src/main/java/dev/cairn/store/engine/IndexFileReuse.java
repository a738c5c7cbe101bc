package dev.cairn.store.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.proto.ChunkRef;
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
 * mtime, ctime and inode. What is learned is staged for the snapshot's commit batch.
 *
 * <p>A reused node is referenced without being stored again, so garbage collection must not take
 * it: the parent normally holds it, but the parent may have been in flight when a collection
 * condemned its blobs, or be deleted meanwhile. While anything is condemned, a reused node and its
 * chunks are therefore revived ({@link Condemnations#keep}); a node with a blob already gone is not
 * reused, and the file is read again.
 */
final class IndexFileReuse implements FileReuse {
  private static final Logger log = LoggerFactory.getLogger(IndexFileReuse.class);

  private final RocksIndex index;
  private final Condemnations condemned;
  private final Trees trees;
  private final ConcurrentLinkedQueue<byte[][]> learned = new ConcurrentLinkedQueue<>();

  IndexFileReuse(RocksIndex index, Condemnations condemned, Trees trees) {
    this.index = index;
    this.condemned = condemned;
    this.trees = trees;
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
        ObjectId node = ObjectId.of(before.getTarget());
        if (revived(node)) {
          out.put(c.name(), node);
        }
      }
    }
    return out;
  }

  /** Whether the node and its chunks are stored, reviving any that was condemned. */
  private boolean revived(ObjectId node) {
    if (!condemned.anyCondemned()) {
      return true;
    }
    if (!condemned.keep(node)) {
      return false;
    }
    for (ChunkRef chunk : trees.loadFile(node).getChunksList()) {
      if (!condemned.keep(ObjectId.of(chunk.getId()))) {
        return false;
      }
    }
    return true;
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

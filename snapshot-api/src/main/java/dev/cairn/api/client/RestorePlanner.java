package dev.cairn.api.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.Tree;
import dev.cairn.store.proto.TreeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches a restore's blobs ahead of it, in batches, in the order the restore reads them: it walks
 * the snapshot's trees depth first as the restore does, gathers the file nodes of the next files,
 * fetches them in one request, then their chunks in requests of up to {@link #BATCH_BYTES}; the
 * chunks of large files it only plans, for their readers to fetch run by run. Every read is planned
 * in the {@link ReadAheadCache} before anything that leads the restore to it is handed over, so the
 * restore waits for planned blobs instead of fetching them itself. Trees and file nodes are
 * verified against their ids before they are walked; chunks are verified by the restore. Memory
 * stays bounded: the cache's bound, a window of file nodes, and a few sibling trees per level. Not
 * thread safe: one planner per restore, on a thread of its own.
 */
final class RestorePlanner {
  /** Files whose nodes are fetched in one request. */
  static final int WINDOW_FILES = 512;

  /** Chunk bytes asked for in one request. */
  static final long BATCH_BYTES = 16L << 20;

  /**
   * Files of more chunks than this are restored as concurrent runs of this many chunks (as the
   * restore splits them), in no order a stream could follow: their readers fetch each run.
   */
  static final int SEGMENT_CHUNKS = 16;

  /** Sibling trees fetched in one request. */
  static final int SIBLING_TREES = 64;

  private record Fetched(StoredBlob stored, Tree tree) {}

  private final StoredBlobFetcher fetcher;
  private final ReadAheadCache cache;
  private final ObjectId root;
  private final Set<ObjectId> trees = new HashSet<>();
  private final List<ObjectId> window = new ArrayList<>();

  /** Plans the read of {@code root}, the restore's first, before the restore can start. */
  RestorePlanner(StoredBlobFetcher fetcher, ReadAheadCache cache, ObjectId root) {
    this.fetcher = fetcher;
    this.cache = cache;
    this.root = root;
    trees.add(root);
    cache.expect(root);
  }

  /** Fetches what a restore of the entry at {@code segments} below the root will read. */
  void plan(List<String> segments) throws InterruptedException {
    ObjectId at = root;
    Fetched f = fetchTrees(List.of(root)).get(root);
    for (int i = 0; i < segments.size(); i++) {
      TreeEntry e = f.tree() == null ? null : find(f.tree(), segments.get(i));
      boolean last = i == segments.size() - 1;
      if (e != null && e.getKind() == EntryKind.ENTRY_KIND_DIR && trees.add(id(e))) {
        ObjectId next = id(e);
        cache.expect(next);
        cache.arrive(at, Optional.ofNullable(f.stored()));
        at = next;
        f = fetchTrees(List.of(next)).get(next);
        continue;
      }
      if (e != null && last && e.getKind() == EntryKind.ENTRY_KIND_FILE && cache.expect(id(e))) {
        window.add(id(e));
      }
      cache.arrive(at, Optional.ofNullable(f.stored()));
      flush();
      return;
    }
    visit(at, f);
    flush();
  }

  /** Plans the reads below a fetched tree, hands it over, then fetches what it leads to. */
  private void visit(ObjectId id, Fetched f) throws InterruptedException {
    if (f.tree() == null) {
      cache.arrive(id, Optional.ofNullable(f.stored()));
      return;
    }
    List<TreeEntry> entries = f.tree().getEntriesList();
    List<ObjectId> dirs = new ArrayList<>();
    boolean[] fetchNode = new boolean[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      TreeEntry e = entries.get(i);
      if (e.getKind() == EntryKind.ENTRY_KIND_DIR && trees.add(id(e))) {
        cache.expect(id(e));
        dirs.add(id(e));
      } else if (e.getKind() == EntryKind.ENTRY_KIND_FILE) {
        fetchNode[i] = cache.expect(id(e));
      }
    }
    cache.arrive(id, Optional.ofNullable(f.stored()));
    Map<ObjectId, Fetched> siblings = new HashMap<>();
    int nextDir = 0;
    for (int i = 0; i < entries.size(); i++) {
      TreeEntry e = entries.get(i);
      ObjectId target = e.getKind() == EntryKind.ENTRY_KIND_SYMLINK ? null : id(e);
      if (e.getKind() == EntryKind.ENTRY_KIND_DIR && nextDir < dirs.size()) {
        if (dirs.get(nextDir).equals(target)) {
          if (!siblings.containsKey(target)) {
            siblings.putAll(
                fetchTrees(dirs.subList(nextDir, Math.min(dirs.size(), nextDir + SIBLING_TREES))));
          }
          nextDir++;
          visit(target, siblings.remove(target));
        }
      } else if (fetchNode[i]) {
        window.add(target);
        if (window.size() >= WINDOW_FILES) {
          flush();
        }
      }
    }
  }

  /** Fetches the nodes of the files gathered so far, then their chunks. */
  private void flush() throws InterruptedException {
    List<ChunkRef> chunks = new ArrayList<>();
    for (int from = 0; from < window.size(); from += StoredBlobFetcher.MAX_IDS) {
      List<ObjectId> ids =
          window.subList(from, Math.min(window.size(), from + StoredBlobFetcher.MAX_IDS));
      fetcher.fetch(
          ids,
          (id, blob) -> {
            Optional<StoredBlob> handed = blob;
            if (blob.isPresent()) {
              try {
                byte[] raw = BlobCodec.decode(blob.get(), "from the server");
                FileNode node = FileNode.parseFrom(raw);
                if (node.getChunksCount() > SEGMENT_CHUNKS) {
                  cache.expectRun(
                      node.getChunksList().stream().map(c -> ObjectId.of(c.getId())).toList());
                } else {
                  for (ChunkRef c : node.getChunksList()) {
                    if (cache.expect(ObjectId.of(c.getId()))) {
                      chunks.add(c);
                    }
                  }
                }
                handed = Optional.of(new StoredBlob(id, raw, raw.length, false));
              } catch (CorruptException | InvalidProtocolBufferException e) {
                // Handed over as it came: the restore's own verification reports it.
              }
            }
            cache.arrive(id, handed);
          });
    }
    window.clear();
    List<ObjectId> batch = new ArrayList<>();
    long bytes = 0;
    for (ChunkRef c : chunks) {
      if (!batch.isEmpty()
          && (batch.size() >= StoredBlobFetcher.MAX_IDS || bytes + c.getLength() > BATCH_BYTES)) {
        fetcher.fetch(batch, cache::arrive);
        batch.clear();
        bytes = 0;
      }
      batch.add(ObjectId.of(c.getId()));
      bytes += c.getLength();
    }
    fetcher.fetch(batch, cache::arrive);
  }

  /** Fetches trees; those absent, corrupt or unreadable come without a parsed tree. */
  private Map<ObjectId, Fetched> fetchTrees(List<ObjectId> ids) throws InterruptedException {
    Map<ObjectId, Fetched> out = new HashMap<>();
    fetcher.fetch(
        ids,
        (id, blob) -> {
          Fetched f = new Fetched(blob.orElse(null), null);
          if (blob.isPresent()) {
            try {
              byte[] raw = BlobCodec.decode(blob.get(), "from the server");
              f = new Fetched(new StoredBlob(id, raw, raw.length, false), Tree.parseFrom(raw));
            } catch (CorruptException | InvalidProtocolBufferException e) {
              // Handed over as it came: the restore's own verification reports it.
            }
          }
          out.put(id, f);
        });
    return out;
  }

  private static TreeEntry find(Tree tree, String name) {
    for (TreeEntry e : tree.getEntriesList()) {
      if (e.getName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static ObjectId id(TreeEntry e) {
    return ObjectId.of(e.getTarget());
  }
}

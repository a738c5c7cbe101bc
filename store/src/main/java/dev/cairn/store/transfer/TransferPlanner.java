package dev.cairn.store.transfer;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.TreeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the blobs of one or more snapshots that the destination lacks. It walks each tree beside a
 * base tree whose closure the destination is known to hold (a snapshot it has committed) or will
 * hold (one planned earlier in this transfer), and skips what the two share. Everything else is
 * asked about in batches. A tree or file node the destination holds does not prove it holds what
 * lies below (an interrupted upload may have stored it alone), so the walk goes on below it. Not
 * thread safe.
 */
final class TransferPlanner {
  /** Ids per question; a server takes up to 20,000. */
  static final int BATCH = 1024;

  private final SourceBlobs source;
  private final SupportsUploads destination;
  private final Set<ObjectId> seen = new HashSet<>();
  private final List<PlannedBlob> pending = new ArrayList<>();
  private final List<PlannedBlob> missing = new ArrayList<>();
  private long blobsSkipped;
  private long bytesSkipped;

  TransferPlanner(SourceBlobs source, SupportsUploads destination) {
    this.source = source;
    this.destination = destination;
  }

  /** Plans the tree at {@code root}, skipping what it shares with {@code base}. */
  void plan(ObjectId root, Optional<ObjectId> base) {
    tree(root, base.orElse(null));
  }

  /** The blobs to send, in the order found, once every planned tree has been asked about. */
  List<PlannedBlob> missing() {
    ask();
    return List.copyOf(missing);
  }

  long blobsSkipped() {
    return blobsSkipped;
  }

  long bytesSkipped() {
    return bytesSkipped;
  }

  private void tree(ObjectId id, ObjectId base) {
    if (id.equals(base) || !seen.add(id)) {
      return;
    }
    var tree = source.tree(id);
    candidate(new PlannedBlob(BlobKind.TREE, id, tree.getSerializedSize()));
    Map<String, TreeEntry> before = new HashMap<>();
    if (base != null) {
      source.tree(base).getEntriesList().forEach(e -> before.put(e.getName(), e));
    }
    List<ObjectId> files = new ArrayList<>();
    for (TreeEntry e : tree.getEntriesList()) {
      TreeEntry b = before.get(e.getName());
      boolean same = b != null && b.getKind() == e.getKind() && b.getTarget().equals(e.getTarget());
      if (same && e.getKind() != EntryKind.ENTRY_KIND_SYMLINK) {
        bytesSkipped += e.getSize();
      } else if (e.getKind() == EntryKind.ENTRY_KIND_DIR) {
        boolean wasDir = b != null && b.getKind() == EntryKind.ENTRY_KIND_DIR;
        tree(ObjectId.of(e.getTarget()), wasDir ? ObjectId.of(b.getTarget()) : null);
      } else if (e.getKind() == EntryKind.ENTRY_KIND_FILE && seen.add(ObjectId.of(e.getTarget()))) {
        files.add(ObjectId.of(e.getTarget()));
      }
    }
    files(files);
  }

  /** A directory's new file nodes, read together (one request to a server, not one each). */
  private void files(List<ObjectId> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<FileNode> nodes = source.files(ids);
    for (int i = 0; i < ids.size(); i++) {
      FileNode node = nodes.get(i);
      candidate(new PlannedBlob(BlobKind.FILE_NODE, ids.get(i), node.getSerializedSize()));
      for (ChunkRef c : node.getChunksList()) {
        ObjectId chunk = ObjectId.of(c.getId());
        if (seen.add(chunk)) {
          candidate(new PlannedBlob(BlobKind.CHUNK, chunk, c.getLength()));
        }
      }
    }
  }

  private void candidate(PlannedBlob blob) {
    pending.add(blob);
    if (pending.size() >= BATCH) {
      ask();
    }
  }

  private void ask() {
    if (pending.isEmpty()) {
      return;
    }
    Set<ObjectId> lacking = destination.missing(pending.stream().map(PlannedBlob::id).toList());
    for (PlannedBlob b : pending) {
      if (lacking.contains(b.id())) {
        missing.add(b);
      } else {
        blobsSkipped++;
        if (b.kind() == BlobKind.CHUNK) {
          bytesSkipped += b.rawLength();
        }
      }
    }
    pending.clear();
  }
}

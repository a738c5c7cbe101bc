package dev.cairn.store.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.BlobSource;
import dev.cairn.store.CorruptException;
import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.Tree;
import dev.cairn.store.proto.TreeEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tree and file node blobs from a blob source (the local blob store, or a server). Every tree
 * read is validated (sorted, unique, safe names), so callers can trust what they walk. Small LRU
 * cache; thread safe.
 */
final class Trees {
  private static final int CACHE_ENTRIES = 4096;

  private final BlobSource blobs;
  private final Map<ObjectId, Tree> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, Tree> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  Trees(BlobSource blobs) {
    this.blobs = blobs;
  }

  Tree loadTree(ObjectId id) {
    synchronized (cache) {
      Tree t = cache.get(id);
      if (t != null) {
        return t;
      }
    }
    Tree tree;
    try {
      tree = Tree.parseFrom(blobs.read(id));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Tree " + id + " is unreadable", e);
    }
    validate(id, tree);
    synchronized (cache) {
      cache.put(id, tree);
    }
    return tree;
  }

  FileNode loadFile(ObjectId id) {
    try {
      return FileNode.parseFrom(blobs.read(id));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("File node " + id + " is unreadable", e);
    }
  }

  /** Follows a path from a root tree to an entry; the root itself is a DIR entry with path "". */
  TreeEntry walk(ObjectId root, List<String> segments, String snapshotForMessages) {
    TreeEntry current =
        TreeEntry.newBuilder()
            .setKind(EntryKind.ENTRY_KIND_DIR)
            .setTarget(root.toByteString())
            .build();
    StringBuilder at = new StringBuilder();
    for (String segment : segments) {
      if (current.getKind() != EntryKind.ENTRY_KIND_DIR) {
        throw new NotFoundException(
            "Path " + at + " in snapshot " + snapshotForMessages + " is not a directory");
      }
      current = find(loadTree(ObjectId.of(current.getTarget())), segment);
      if (at.length() > 0) {
        at.append('/');
      }
      at.append(segment);
      if (current == null) {
        throw new NotFoundException(
            "Path " + at + " does not exist in snapshot " + snapshotForMessages);
      }
    }
    return current;
  }

  static TreeEntry find(Tree tree, String name) {
    int lo = 0;
    int hi = tree.getEntriesCount() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = EntryNames.ORDER.compare(tree.getEntries(mid).getName(), name);
      if (c == 0) {
        return tree.getEntries(mid);
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  static Entry toEntry(String path, TreeEntry e) {
    return new Entry(
        path,
        typeOf(e.getKind()),
        e.getMode(),
        Instant.ofEpochSecond(0, e.getMtimeNanos()),
        e.getSize(),
        e.getKind() == EntryKind.ENTRY_KIND_DIR
            ? e.getFileCount()
            : e.getKind() == EntryKind.ENTRY_KIND_FILE ? 1 : 0,
        e.getTarget().isEmpty() ? null : ObjectId.of(e.getTarget()),
        e.getKind() == EntryKind.ENTRY_KIND_SYMLINK ? e.getSymlinkTarget() : null);
  }

  static EntryType typeOf(EntryKind kind) {
    return switch (kind) {
      case ENTRY_KIND_FILE -> EntryType.FILE;
      case ENTRY_KIND_DIR -> EntryType.DIR;
      case ENTRY_KIND_SYMLINK -> EntryType.SYMLINK;
      default -> throw new CorruptException("Unknown entry kind " + kind);
    };
  }

  static void validate(ObjectId id, Tree tree) {
    String previous = null;
    for (TreeEntry e : tree.getEntriesList()) {
      EntryNames.requireSafe(e.getName(), "tree " + id);
      if (previous != null && EntryNames.ORDER.compare(previous, e.getName()) >= 0) {
        throw new CorruptException(
            "Tree " + id + " has unsorted or duplicate entry '" + e.getName() + "'");
      }
      typeOf(e.getKind());
      if (e.getKind() != EntryKind.ENTRY_KIND_SYMLINK && e.getTarget().size() != ObjectId.LENGTH) {
        throw new CorruptException(
            "Tree " + id + " entry '" + e.getName() + "' has no valid target id");
      }
      previous = e.getName();
    }
  }
}

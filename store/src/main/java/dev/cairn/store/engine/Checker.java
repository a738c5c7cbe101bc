package dev.cairn.store.engine;

import dev.cairn.store.CairnException;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.Snapshot;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.BlobLocation;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import dev.cairn.store.proto.Tree;
import dev.cairn.store.proto.TreeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Verifies a repository. Structure: every ref names a stored snapshot, every snapshot's trees and
 * file nodes parse, every chunk is indexed in a pack that exists. With data: every pack is read,
 * its name checked against its hash and every blob against its id; each bad blob is then traced to
 * the snapshots and file paths that use it.
 */
final class Checker {
  private static final int MAX_PROBLEMS = 200;

  private final DefaultRepository repo;
  private final List<String> problems = new ArrayList<>();
  private final Set<ObjectId> packs = new HashSet<>();
  private final Set<ObjectId> seenTrees = new HashSet<>();
  private final Set<ObjectId> seenFiles = new HashSet<>();
  private final Set<ObjectId> seenChunks = new HashSet<>();

  /** Blobs that failed verification or are missing, with why. */
  private final Map<ObjectId, String> bad = new HashMap<>();

  private final Map<ObjectId, Boolean> treeHasBad = new HashMap<>();
  private long bytesVerified;
  private long refCount;

  Checker(DefaultRepository repo) {
    this.repo = repo;
  }

  CheckReport check(CheckOptions options) {
    try (Stream<dev.cairn.store.ObjectInfo> s = repo.backend().list(PackFormat.PREFIX)) {
      s.map(i -> PackFormat.parseObjectName(i.name())).filter(id -> id != null).forEach(packs::add);
    }
    if (options == CheckOptions.READ_DATA) {
      packs.stream().sorted().forEach(this::verifyPack);
    }
    List<Ref> refs = repo.refs().list(Optional.empty());
    refCount = refs.size();
    for (Ref r : refs) {
      try {
        repo.loadSnapshot(r.target());
      } catch (CairnException e) {
        problem(
            "ref "
                + r.name()
                + " points at snapshot "
                + r.target().toShortString()
                + " which cannot be loaded: "
                + e.getMessage());
      }
    }
    List<Snapshot> snapshots = repo.listSnapshots(Optional.empty());
    for (Snapshot s : snapshots) {
      checkSnapshotObject(s);
      walkTree(s.rootTree(), "", s);
    }
    if (!bad.isEmpty()) {
      for (Snapshot s : snapshots) {
        trace(s.rootTree(), "", s);
      }
    }
    return new CheckReport(
        refCount,
        snapshots.size(),
        seenTrees.size(),
        seenFiles.size(),
        seenChunks.size(),
        packs.size(),
        bytesVerified,
        problems);
  }

  private void checkSnapshotObject(Snapshot s) {
    try {
      SnapshotCodec.parse(s.id(), repo.backend().readAll(SnapshotCodec.objectName(s.id())));
    } catch (CairnException e) {
      problem("snapshot " + s.id().toShortString() + ": " + e.getMessage());
    }
  }

  private void verifyPack(ObjectId pack) {
    String name = PackFormat.objectName(pack);
    try {
      byte[] bytes = repo.backend().readAll(name);
      bytesVerified += bytes.length;
      byte[] footerBytes = PackFormat.footerBytes(bytes, name);
      boolean nameMatches = ObjectId.hash(footerBytes).equals(pack);
      PackFooter footer = PackFormat.parseFooter(footerBytes, name);
      for (PackEntry e : footer.getEntriesList()) {
        ObjectId id = ObjectId.of(e.getId());
        try {
          long end = e.getOffset() + e.getStoredLength();
          if (end > bytes.length) {
            throw new dev.cairn.store.CorruptException(
                "Blob " + id + " in " + name + " extends past the pack's end");
          }
          byte[] stored = java.util.Arrays.copyOfRange(bytes, (int) e.getOffset(), (int) end);
          BlobCodec.decode(stored, BlobCodec.PackEntryView.of(e), "in " + name);
        } catch (CairnException ex) {
          bad.put(id, "corrupt in pack " + pack.toShortString());
          problem("pack " + pack.toShortString() + ": " + ex.getMessage());
        }
      }
      if (!nameMatches) {
        problem(
            "pack "
                + pack.toShortString()
                + ": its table of contents does not match its name (damaged on disk)");
      }
    } catch (CairnException e) {
      problem("pack " + pack.toShortString() + ": " + e.getMessage());
    }
  }

  private void walkTree(ObjectId treeId, String path, Snapshot s) {
    if (!seenTrees.add(treeId)) {
      return;
    }
    Tree tree = loadTree(treeId);
    if (tree == null) {
      return;
    }
    for (TreeEntry e : tree.getEntriesList()) {
      String child = EntryNames.join(path, e.getName());
      if (e.getKind() == EntryKind.ENTRY_KIND_DIR) {
        walkTree(ObjectId.of(e.getTarget()), child, s);
      } else if (e.getKind() == EntryKind.ENTRY_KIND_FILE) {
        walkFile(ObjectId.of(e.getTarget()), child, s);
      }
    }
  }

  private void walkFile(ObjectId fileId, String path, Snapshot s) {
    if (!seenFiles.add(fileId) || !located(fileId, "file node of " + path, s)) {
      return;
    }
    FileNode node = loadFile(fileId);
    if (node == null) {
      return;
    }
    long total = 0;
    for (ChunkRef c : node.getChunksList()) {
      ObjectId id = ObjectId.of(c.getId());
      total += c.getLength();
      if (seenChunks.add(id)) {
        located(id, "chunk " + id.toShortString() + " of " + path, s);
      }
    }
    if (total != node.getSize()) {
      problem(
          "snapshot "
              + s.id().toShortString()
              + ": file "
              + path
              + " chunk lengths add up to "
              + total
              + ", not its size "
              + node.getSize());
    }
  }

  /** Whether the blob is indexed in a pack that exists; records a problem otherwise. */
  private boolean located(ObjectId id, String what, Snapshot s) {
    Optional<BlobLocation> loc = repo.index().findBlob(id);
    if (loc.isEmpty()) {
      bad.put(id, "missing from the index");
      return false;
    }
    ObjectId pack = ObjectId.of(loc.get().getPack());
    if (!packs.contains(pack)) {
      bad.put(id, "its pack " + pack.toShortString() + " is missing");
      return false;
    }
    return true;
  }

  private Tree loadTree(ObjectId id) {
    try {
      return repo.trees().loadTree(id);
    } catch (CairnException e) {
      bad.put(id, e.getMessage());
      return null;
    }
  }

  private FileNode loadFile(ObjectId id) {
    try {
      return repo.trees().loadFile(id);
    } catch (CairnException e) {
      bad.put(id, e.getMessage());
      return null;
    }
  }

  /** Reports every path in a snapshot that depends on a bad blob; clean subtrees are skipped. */
  private boolean trace(ObjectId treeId, String path, Snapshot s) {
    Boolean known = treeHasBad.get(treeId);
    if (Boolean.FALSE.equals(known)) {
      return false;
    }
    if (bad.containsKey(treeId)) {
      problem(
          "snapshot "
              + s.id().toShortString()
              + ": directory "
              + (path.isEmpty() ? "/" : path)
              + " cannot be read: "
              + bad.get(treeId));
      treeHasBad.put(treeId, true);
      return true;
    }
    boolean found = false;
    for (TreeEntry e : repo.trees().loadTree(treeId).getEntriesList()) {
      String child = EntryNames.join(path, e.getName());
      if (e.getKind() == EntryKind.ENTRY_KIND_DIR) {
        found |= trace(ObjectId.of(e.getTarget()), child, s);
      } else if (e.getKind() == EntryKind.ENTRY_KIND_FILE) {
        found |= traceFile(ObjectId.of(e.getTarget()), child, s);
      }
    }
    treeHasBad.put(treeId, found);
    return found;
  }

  private boolean traceFile(ObjectId fileId, String path, Snapshot s) {
    if (bad.containsKey(fileId)) {
      problem(
          "snapshot "
              + s.id().toShortString()
              + ": file "
              + path
              + " cannot be read: "
              + bad.get(fileId));
      return true;
    }
    boolean found = false;
    for (ChunkRef c : repo.trees().loadFile(fileId).getChunksList()) {
      ObjectId id = ObjectId.of(c.getId());
      if (bad.containsKey(id)) {
        problem(
            "snapshot "
                + s.id().toShortString()
                + ": file "
                + path
                + " has chunk "
                + id.toShortString()
                + " "
                + bad.get(id));
        found = true;
      }
    }
    return found;
  }

  private void problem(String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(message);
    } else if (problems.size() == MAX_PROBLEMS) {
      problems.add("... more problems not shown");
    }
  }
}

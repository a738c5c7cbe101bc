package dev.cairn.store.engine;

import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
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
 * Finds what an uploaded tree references but the repository lacks, reviving what garbage collection
 * condemned. It walks the new tree beside a base tree whose closure is known to be complete (a
 * committed parent's) and skips every subtree and file node the two share, so the cost grows with
 * what changed, not with the tree's size; while anything is condemned it walks all.
 */
final class ClosureVerifier {
  /** How many missing ids an error names; enough to act on, short enough to read. */
  static final int REPORTED_MISSING = 20;

  private final Trees trees;
  private final ReceivedFileNodes received;
  private final Condemnations condemned;
  private final int limit;
  private final List<ObjectId> missing = new ArrayList<>();
  private final Set<ObjectId> seen = new HashSet<>();

  ClosureVerifier(Trees trees, ReceivedFileNodes received, Condemnations condemned, int limit) {
    this.trees = trees;
    this.received = received;
    this.condemned = condemned;
    this.limit = limit;
  }

  /**
   * The missing blobs below {@code root} (at most the limit given), given that {@code base} is
   * complete. A stored tree or file node that does not parse is an {@link
   * InvalidArgumentException}.
   */
  List<ObjectId> missing(ObjectId root, Optional<ObjectId> base) {
    // While garbage collection has condemned anything, the base may hold condemned blobs (it was
    // in flight when they were condemned): walk everything, so that every blob the commit will
    // reference is revived, not only those that differ from the base.
    tree(root, condemned.anyCondemned() ? null : base.orElse(null));
    return List.copyOf(missing.subList(0, Math.min(missing.size(), limit)));
  }

  /** A verifier of {@code repo}'s closures that reports up to {@link #REPORTED_MISSING}. */
  static ClosureVerifier of(DefaultRepository repo) {
    return new ClosureVerifier(
        repo.trees(), repo.receivedFiles(), repo.condemned(), REPORTED_MISSING);
  }

  /**
   * Throws {@link NotFoundException} naming up to {@link #REPORTED_MISSING} blobs below {@code
   * root} that are not stored, given that {@code base} is complete; {@code what} is the action
   * refused ("commit snapshot to ns/ref"), {@code retry} the verb that follows an upload.
   */
  static void requireComplete(
      DefaultRepository repo, ObjectId root, Optional<ObjectId> base, String what, String retry) {
    List<ObjectId> missing = of(repo).missing(root, base);
    if (!missing.isEmpty()) {
      throw new NotFoundException(
          "Cannot "
              + what
              + ": "
              + (missing.size() < REPORTED_MISSING ? "" : "at least ")
              + missing.size()
              + " blob(s) it references are not stored ("
              + String.join(", ", missing.stream().map(ObjectId::toString).toList())
              + "); upload them and "
              + retry
              + " again");
    }
  }

  private void tree(ObjectId id, ObjectId base) {
    if (id.equals(base) || full() || !seen.add(id) || absent(id)) {
      return;
    }
    Map<String, TreeEntry> before = new HashMap<>();
    if (base != null) {
      trees.loadTree(base).getEntriesList().forEach(e -> before.put(e.getName(), e));
    }
    List<ObjectId> files = new ArrayList<>();
    for (TreeEntry e : load(id).getEntriesList()) {
      TreeEntry b = before.get(e.getName());
      boolean sameKind = b != null && b.getKind() == e.getKind();
      if (e.getKind() == EntryKind.ENTRY_KIND_DIR) {
        tree(ObjectId.of(e.getTarget()), sameKind ? ObjectId.of(b.getTarget()) : null);
      } else if (e.getKind() == EntryKind.ENTRY_KIND_FILE
          && !(sameKind && b.getTarget().equals(e.getTarget()))
          && seen.add(ObjectId.of(e.getTarget()))) {
        files.add(ObjectId.of(e.getTarget()));
      }
    }
    files(files);
  }

  /**
   * Checks the file nodes of one tree and their chunks, each set in one batched lookup that also
   * revives what garbage collection condemned (one lookup per node made the commit of a tree of
   * 20,000 files cost 20,000 index reads).
   */
  private void files(List<ObjectId> ids) {
    if (ids.isEmpty() || full()) {
      return;
    }
    List<Boolean> kept = condemned.keepAll(ids);
    List<ObjectId> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (kept.get(i)) {
        addUnseenChunks(ids.get(i), chunks);
      } else {
        missing.add(ids.get(i));
      }
    }
    List<Boolean> present = condemned.keepAll(chunks);
    for (int i = 0; i < chunks.size(); i++) {
      if (!present.get(i)) {
        missing.add(chunks.get(i));
      }
    }
  }

  /** Adds the chunks of file node {@code id} not seen yet. */
  private void addUnseenChunks(ObjectId id, List<ObjectId> chunks) {
    for (ChunkRef c : node(id).getChunksList()) {
      ObjectId chunk = ObjectId.of(c.getId());
      if (seen.add(chunk)) {
        chunks.add(chunk);
      }
    }
  }

  private FileNode node(ObjectId id) {
    try {
      return received.find(id).orElseGet(() -> trees.loadFile(id));
    } catch (CorruptException e) {
      throw new InvalidArgumentException(
          "Cannot commit snapshot: file node " + id + " is unreadable: " + e.getMessage());
    }
  }

  private Tree load(ObjectId id) {
    try {
      return trees.loadTree(id);
    } catch (CorruptException e) {
      throw new InvalidArgumentException(
          "Cannot commit snapshot: tree " + id + " is unreadable: " + e.getMessage());
    }
  }

  private boolean absent(ObjectId id) {
    if (condemned.keep(id)) {
      return false;
    }
    missing.add(id);
    return true;
  }

  private boolean full() {
    return missing.size() >= limit;
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.Tree;
import dev.cairn.store.proto.TreeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One walk over a source tree: lists and stats each directory, reuses unchanged files, chunks the
 * rest in parallel, and builds trees bottom-up, putting every blob it makes. The same walk serves
 * local snapshots and trees built for a server, so both produce identical ids.
 */
final class SourceWalk {
  private static final Logger log = LoggerFactory.getLogger(SourceWalk.class);

  /** The threads a walk runs on; {@code inFlight} bounds the files being read at once. */
  record Pools(ExecutorService walk, ExecutorService files, Semaphore inFlight) {}

  /**
   * Per-walk settings: files whose mtime or ctime is at or after {@code racyAfter} are never
   * learned; {@code excluded} is skipped wherever it appears; {@code overlay} reads the source as
   * an overlayfs upper layer.
   */
  record Options(Progress progress, Instant racyAfter, Optional<Path> excluded, boolean overlay) {}

  final WriteStats stats = new WriteStats();
  private final BlobPut blobs;
  private final Trees trees;
  private final FileChunker chunker;
  private final FileReuse reuse;
  private final Pools pools;
  private final Options options;

  SourceWalk(
      BlobPut blobs,
      Trees trees,
      FileChunker chunker,
      FileReuse reuse,
      Pools pools,
      Options options) {
    this.blobs = blobs;
    this.trees = trees;
    this.chunker = chunker;
    this.reuse = reuse;
    this.pools = pools;
    this.options = options;
  }

  /**
   * Builds the tree of {@code source}; {@code parentRoot} is the parent snapshot's root (for
   * reuse), {@code lowerRoot} the lower layer's root in overlay mode. Returns the root's DIR entry
   * (no name) with its totals.
   */
  TreeEntry run(Path source, Optional<ObjectId> parentRoot, Optional<ObjectId> lowerRoot) {
    try {
      return dir(source, "", parentRoot, lowerRoot).join();
    } catch (CompletionException e) {
      throw unwrap(e, source);
    }
  }

  /**
   * Snapshots one directory. {@code parentTree} is the same directory in the parent snapshot (for
   * reuse); {@code lowerTree}, in overlay mode, is the lower layer's directory that this upper
   * directory changes. Children come back in tree order.
   */
  private CompletableFuture<TreeEntry> dir(
      Path dir, String relPath, Optional<ObjectId> parentTree, Optional<ObjectId> lowerTree) {
    Map<String, TreeEntry> previous = entriesOf(parentTree);
    List<SourceEntry> listed = statChildren(dir);
    Map<String, ObjectId> unchanged = reuse.unchanged(listed, previous);
    // Lower entries the upper layer does not mention are kept as they are, unread.
    Map<String, TreeEntry> lower = entriesOf(lowerTree);
    TreeMap<String, CompletableFuture<TreeEntry>> children = new TreeMap<>(EntryNames.ORDER);
    lower.forEach((name, e) -> children.put(name, CompletableFuture.completedFuture(e)));
    for (SourceEntry child : listed) {
      String name = child.name();
      SourceFile stat = child.stat();
      switch (stat.kind()) {
        case DIR -> {
          Optional<ObjectId> parentDir = dirTarget(previous.get(name));
          Optional<ObjectId> lowerDir =
              options.overlay() && !isOpaque(child.path())
                  ? dirTarget(lower.get(name))
                  : Optional.empty();
          children.put(
              name,
              CompletableFuture.supplyAsync(
                      () -> dir(child.path(), EntryNames.join(relPath, name), parentDir, lowerDir),
                      pools.walk())
                  .thenCompose(f -> f)
                  .thenApply(
                      e ->
                          e.toBuilder()
                              .setName(name)
                              .setMode(stat.mode())
                              .setMtimeNanos(stat.mtimeNanos())
                              .build()));
        }
        case FILE -> children.put(name, file(child, unchanged.get(name)));
        case SYMLINK ->
            children.put(
                name, CompletableFuture.completedFuture(symlink(child.path(), name, stat)));
        case WHITEOUT -> {
          if (options.overlay()) {
            children.remove(name);
          } else {
            log.warn("Skipping {}: devices are not snapshotted", child.path());
          }
        }
        case OTHER ->
            log.warn("Skipping {}: sockets, pipes and devices are not snapshotted", child.path());
      }
    }
    return combine(new ArrayList<>(children.values()));
  }

  private Map<String, TreeEntry> entriesOf(Optional<ObjectId> tree) {
    Map<String, TreeEntry> out = new HashMap<>();
    tree.ifPresent(t -> trees.loadTree(t).getEntriesList().forEach(e -> out.put(e.getName(), e)));
    return out;
  }

  private static Optional<ObjectId> dirTarget(TreeEntry e) {
    return e != null && e.getKind() == EntryKind.ENTRY_KIND_DIR
        ? Optional.of(ObjectId.of(e.getTarget()))
        : Optional.empty();
  }

  /** Builds and stores a tree once all its children are done. */
  private CompletableFuture<TreeEntry> combine(List<CompletableFuture<TreeEntry>> children) {
    return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<TreeEntry> entries = new ArrayList<>(children.size());
              long size = 0;
              long files = 0;
              for (CompletableFuture<TreeEntry> c : children) {
                TreeEntry e = c.join();
                entries.add(e);
                size += e.getSize();
                files +=
                    e.getKind() == EntryKind.ENTRY_KIND_DIR
                        ? e.getFileCount()
                        : e.getKind() == EntryKind.ENTRY_KIND_FILE ? 1 : 0;
              }
              byte[] tree = Tree.newBuilder().addAllEntries(entries).build().toByteArray();
              ObjectId id = blobs.put(BlobType.BLOB_TYPE_TREE, tree, 0, tree.length, stats);
              return TreeEntry.newBuilder()
                  .setKind(EntryKind.ENTRY_KIND_DIR)
                  .setTarget(id.toByteString())
                  .setSize(size)
                  .setFileCount(files)
                  .build();
            });
  }

  /** The entries of a directory with their stat data, sorted; vanished entries are skipped. */
  private List<SourceEntry> statChildren(Path dir) {
    List<SourceEntry> out = new ArrayList<>();
    for (String name : sortedNames(dir)) {
      Path path = dir.resolve(name);
      if (options.excluded().isPresent() && path.equals(options.excluded().get())) {
        continue;
      }
      try {
        out.add(new SourceEntry(name, path, SourceFile.stat(path)));
      } catch (NoSuchFileException vanished) {
        log.warn("Skipping {}: it vanished during the snapshot", path);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot stat " + path, e);
      }
    }
    return out;
  }

  private CompletableFuture<TreeEntry> file(SourceEntry child, ObjectId reusable) {
    Path path = child.path();
    SourceFile stat = child.stat();
    TreeEntry.Builder entry =
        TreeEntry.newBuilder()
            .setName(child.name())
            .setKind(EntryKind.ENTRY_KIND_FILE)
            .setMode(stat.mode())
            .setMtimeNanos(stat.mtimeNanos())
            .setSize(stat.size());
    if (reusable != null) {
      stats.filesReused.increment();
      options.progress().advance(1, stat.size());
      return CompletableFuture.completedFuture(entry.setTarget(reusable.toByteString()).build());
    }
    pools.inFlight().acquireUninterruptibly();
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            FileChunker.Result r = chunker.store(path, stat.size(), stats);
            stats.filesRead.increment();
            stats.bytesRead.add(r.size());
            options.progress().advance(1, r.size());
            SourceFile after = SourceFile.stat(path);
            if (after.sameAs(stat) && r.size() == stat.size() && !isRacy(stat)) {
              reuse.learned(child, r.fileNode());
            }
            return entry.setSize(r.size()).setTarget(r.fileNode().toByteString()).build();
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
          } finally {
            pools.inFlight().release();
          }
        },
        pools.files());
  }

  private boolean isRacy(SourceFile stat) {
    long limit = SnapshotCodec.nanos(options.racyAfter());
    return stat.mtimeNanos() >= limit || stat.ctimeNanos() >= limit;
  }

  private static TreeEntry symlink(Path path, String name, SourceFile stat) {
    try {
      // A symlink's own mtime is not recorded: Java cannot restore it, and recording it would make
      // a restored tree hash differently from its source.
      return TreeEntry.newBuilder()
          .setName(name)
          .setKind(EntryKind.ENTRY_KIND_SYMLINK)
          .setMode(stat.mode())
          .setSymlinkTarget(Files.readSymbolicLink(path).toString())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read symlink " + path, e);
    }
  }

  /**
   * Whether an upper-layer directory hides everything below it in the lower layers. overlayfs marks
   * it with the {@code overlay.opaque} xattr; Cairn mounts with {@code userxattr}, so the mark is
   * in the user namespace, which Java can read.
   */
  static boolean isOpaque(Path dir) {
    try {
      java.nio.file.attribute.UserDefinedFileAttributeView view =
          Files.getFileAttributeView(
              dir,
              java.nio.file.attribute.UserDefinedFileAttributeView.class,
              LinkOption.NOFOLLOW_LINKS);
      if (view == null || !view.list().contains("overlay.opaque")) {
        return false;
      }
      java.nio.ByteBuffer value = java.nio.ByteBuffer.allocate(view.size("overlay.opaque"));
      view.read("overlay.opaque", value);
      return value.position() > 0 && value.get(0) == 'y';
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static List<String> sortedNames(Path dir) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list directory " + dir, e);
    }
    names.sort(EntryNames.ORDER);
    return names;
  }

  private static RuntimeException unwrap(CompletionException e, Path source) {
    Throwable c = e.getCause();
    if (c instanceof UncheckedIOException u) {
      return new UnavailableException(
          "Cannot snapshot " + source + ": " + u.getMessage() + ": " + u.getCause().getMessage(),
          u);
    }
    return c instanceof RuntimeException re
        ? re
        : new UnavailableException("Cannot snapshot " + source + ": " + c, c);
  }
}

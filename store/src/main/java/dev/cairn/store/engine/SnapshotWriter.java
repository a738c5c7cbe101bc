package dev.cairn.store.engine;

import dev.cairn.store.CrashPoints;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.chunk.FastCdc;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.FileCacheEntry;
import dev.cairn.store.proto.TreeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one snapshot: walks the source, reuses unchanged files of the parent, chunks and stores
 * the rest in parallel, builds trees bottom-up, then commits in the order that makes a crash
 * harmless: packs, snapshot object, then catalog + ref + file cache in one synced batch.
 */
final class SnapshotWriter {
  private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);

  /**
   * Files whose mtime or ctime is this close to the snapshot start may change unseen: not cached.
   */
  static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  private final DefaultRepository repo;
  private final Trees trees;
  private final FileChunker chunker;
  private final RocksIndex index;
  private final ExecutorService pool;
  private final ExecutorService walkPool;
  private final Semaphore inFlight;
  private final Clock clock;

  SnapshotWriter(
      DefaultRepository repo,
      Trees trees,
      BlobStore blobs,
      FastCdc cdc,
      RocksIndex index,
      ExecutorService pool,
      int threads,
      Clock clock) {
    this.repo = repo;
    this.trees = trees;
    this.chunker = new FileChunker(cdc, blobs, trees, repo.chunkPool(), threads);
    this.index = index;
    this.pool = pool;
    this.walkPool = repo.walkPool();
    this.inFlight = new Semaphore(threads * 4);
    this.clock = clock;
  }

  SnapshotResult write(SnapshotRequest request) {
    Path source = request.source().toAbsolutePath().normalize();
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("Cannot snapshot " + source + ": not a directory");
    }
    repo.refs().recover(request.ref());
    Optional<ObjectId> parent =
        request.noParent()
            ? Optional.empty()
            : request.parent().isPresent()
                ? request.parent()
                : repo.refs().find(request.ref()).map(r -> r.target());
    Optional<Snapshot> parentSnapshot = parent.map(repo::loadSnapshot);
    Optional<ObjectId> expectedRef = repo.refs().find(request.ref()).map(r -> r.target());

    Walk walk =
        new Walk(
            request.progress(),
            clock.instant().minus(RACY_WINDOW),
            repo.excludedPath(),
            request.overlayLower().isPresent());
    Optional<ObjectId> lowerRoot =
        request.overlayLower().map(id -> repo.loadSnapshot(id).rootTree());
    TreeEntry root;
    try {
      root = walk.dir(source, "", parentSnapshot.map(Snapshot::rootTree), lowerRoot).join();
    } catch (CompletionException e) {
      throw unwrap(e, source);
    }
    repo.blobs().flush();
    CrashPoints.visit("packs-flushed");

    Snapshot snapshot =
        new Snapshot(
            null,
            ObjectId.of(root.getTarget()),
            parent.stream().toList(),
            request.kind(),
            request.ref().namespace(),
            Hosts.name() + ":" + source,
            request.labels(),
            request.creator(),
            request.message(),
            clock.instant(),
            root.getFileCount(),
            root.getSize());
    byte[] bytes = SnapshotCodec.toRecord(snapshot).toByteArray();
    ObjectId id = ObjectId.hash(bytes);
    snapshot = SnapshotCodec.fromRecord(id, SnapshotCodec.toRecord(snapshot));
    repo.backend().put(SnapshotCodec.objectName(id), bytes);
    CrashPoints.visit("snapshot-stored");

    RefUpdate refUpdate = commit(request, id, bytes, expectedRef, walk.cacheUpdates);
    CrashPoints.visit("committed");
    WriteStats s = walk.stats;
    return new SnapshotResult(
        snapshot,
        refUpdate,
        s.filesRead(),
        s.filesReused(),
        s.bytesRead(),
        s.blobsAdded(),
        s.rawBytesAdded(),
        s.storedBytesAdded());
  }

  private RefUpdate commit(
      SnapshotRequest request,
      ObjectId id,
      byte[] record,
      Optional<ObjectId> expectedRef,
      ConcurrentLinkedQueue<byte[][]> cacheUpdates) {
    DefaultRefStore refs = repo.refs();
    refs.lock().lock();
    try (Batch batch = index.newBatch()) {
      batch.put(Table.SNAPSHOTS, id.toBytes(), record);
      for (byte[][] kv : cacheUpdates) {
        batch.put(Table.FILECACHE, kv[0], kv[1]);
      }
      RefUpdate update =
          refs.commit(
              request.ref(),
              RefExpectation.of(expectedRef),
              Optional.of(id),
              false,
              "snapshot " + request.source(),
              batch);
      batch.commitDurably();
      return update;
    } finally {
      refs.lock().unlock();
    }
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

  /** The state of one walk over a source tree. */
  private final class Walk {
    final WriteStats stats = new WriteStats();
    final ConcurrentLinkedQueue<byte[][]> cacheUpdates = new ConcurrentLinkedQueue<>();
    private final Progress progress;
    private final Instant racyAfter;
    private final Path excluded;
    private final boolean overlay;

    Walk(Progress progress, Instant racyAfter, Path excluded, boolean overlay) {
      this.overlay = overlay;
      this.progress = progress;
      this.racyAfter = racyAfter;
      this.excluded = excluded;
    }

    /**
     * Snapshots one directory. {@code parentTree} is the same directory in the parent snapshot (for
     * reuse); {@code lowerTree}, in overlay mode, is the lower layer's directory that this upper
     * directory changes. Children come back in tree order.
     */
    CompletableFuture<TreeEntry> dir(
        Path dir, String relPath, Optional<ObjectId> parentTree, Optional<ObjectId> lowerTree) {
      Map<String, TreeEntry> previous = entriesOf(parentTree);
      List<Child> listed = statChildren(dir);
      Map<String, FileCacheEntry> cached = cachedStats(listed, previous);
      // Lower entries the upper layer does not mention are kept as they are, unread.
      Map<String, TreeEntry> lower = entriesOf(lowerTree);
      TreeMap<String, CompletableFuture<TreeEntry>> children = new TreeMap<>(EntryNames.ORDER);
      lower.forEach((name, e) -> children.put(name, CompletableFuture.completedFuture(e)));
      for (Child child : listed) {
        String name = child.name();
        SourceFile stat = child.stat();
        TreeEntry before = previous.get(name);
        switch (stat.kind()) {
          case DIR -> {
            Optional<ObjectId> parentDir = dirTarget(before);
            Optional<ObjectId> lowerDir =
                overlay && !isOpaque(child.path()) ? dirTarget(lower.get(name)) : Optional.empty();
            children.put(
                name,
                CompletableFuture.supplyAsync(
                        () ->
                            dir(child.path(), EntryNames.join(relPath, name), parentDir, lowerDir),
                        walkPool)
                    .thenCompose(f -> f)
                    .thenApply(
                        e ->
                            e.toBuilder()
                                .setName(name)
                                .setMode(stat.mode())
                                .setMtimeNanos(stat.mtimeNanos())
                                .build()));
          }
          case FILE -> children.put(name, file(child, before, cached.get(name)));
          case SYMLINK ->
              children.put(
                  name, CompletableFuture.completedFuture(symlink(child.path(), name, stat)));
          case WHITEOUT -> {
            if (overlay) {
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
                ObjectId id = trees.putTree(entries, stats);
                return TreeEntry.newBuilder()
                    .setKind(EntryKind.ENTRY_KIND_DIR)
                    .setTarget(id.toByteString())
                    .setSize(size)
                    .setFileCount(files)
                    .build();
              });
    }

    /** The entries of a directory with their stat data, sorted; vanished entries are skipped. */
    private List<Child> statChildren(Path dir) {
      List<Child> out = new ArrayList<>();
      for (String name : sortedNames(dir)) {
        Path path = dir.resolve(name);
        if (path.equals(excluded)) {
          continue;
        }
        try {
          out.add(new Child(name, path, SourceFile.stat(path)));
        } catch (NoSuchFileException vanished) {
          log.warn("Skipping {}: it vanished during the snapshot", path);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot stat " + path, e);
        }
      }
      return out;
    }

    /**
     * The file cache entries of the files whose size and mtime match the parent's entry, fetched in
     * one index call per directory.
     */
    private Map<String, FileCacheEntry> cachedStats(
        List<Child> listed, Map<String, TreeEntry> previous) {
      List<Child> candidates = new ArrayList<>();
      List<byte[]> keys = new ArrayList<>();
      for (Child c : listed) {
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
      Map<String, FileCacheEntry> out = new HashMap<>();
      List<byte[]> values = index.multiGet(Table.FILECACHE, keys);
      for (int i = 0; i < candidates.size(); i++) {
        if (values.get(i) != null) {
          try {
            out.put(candidates.get(i).name(), FileCacheEntry.parseFrom(values.get(i)));
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // A damaged cache entry only costs a re-read of the file.
            log.debug("Ignoring unreadable file cache entry for {}", candidates.get(i).path());
          }
        }
      }
      return out;
    }

    private CompletableFuture<TreeEntry> file(
        Child child, TreeEntry before, FileCacheEntry cached) {
      Path path = child.path();
      SourceFile stat = child.stat();
      TreeEntry.Builder entry =
          TreeEntry.newBuilder()
              .setName(child.name())
              .setKind(EntryKind.ENTRY_KIND_FILE)
              .setMode(stat.mode())
              .setMtimeNanos(stat.mtimeNanos())
              .setSize(stat.size());
      if (unchanged(stat, before, cached)) {
        stats.filesReused.increment();
        progress.advance(1, stat.size());
        return CompletableFuture.completedFuture(entry.setTarget(before.getTarget()).build());
      }
      byte[] cacheKey = child.cacheKey();
      inFlight.acquireUninterruptibly();
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              FileChunker.Result r = chunker.store(path, stat.size(), stats);
              stats.filesRead.increment();
              stats.bytesRead.add(r.size());
              progress.advance(1, r.size());
              SourceFile after = SourceFile.stat(path);
              if (after.sameAs(stat) && r.size() == stat.size() && !isRacy(stat)) {
                cacheUpdates.add(
                    new byte[][] {
                      cacheKey,
                      FileCacheEntry.newBuilder()
                          .setSize(stat.size())
                          .setMtimeNanos(stat.mtimeNanos())
                          .setCtimeNanos(stat.ctimeNanos())
                          .setInode(stat.inode())
                          .setFileNode(r.fileNode().toByteString())
                          .build()
                          .toByteArray()
                    });
              }
              return entry.setSize(r.size()).setTarget(r.fileNode().toByteString()).build();
            } catch (IOException e) {
              throw new UncheckedIOException("Cannot read " + path, e);
            } finally {
              inFlight.release();
            }
          },
          pool);
    }

    /**
     * Whether stat data proves the file unchanged since the parent read it. The parent's file node
     * needs no existence check: the parent snapshot references it, so it is retained.
     */
    private static boolean unchanged(SourceFile stat, TreeEntry before, FileCacheEntry c) {
      return c != null
          && before != null
          && c.getFileNode().equals(before.getTarget())
          && c.getSize() == stat.size()
          && c.getMtimeNanos() == stat.mtimeNanos()
          && c.getCtimeNanos() == stat.ctimeNanos()
          && c.getInode() == stat.inode();
    }

    private boolean isRacy(SourceFile stat) {
      long limit = SnapshotCodec.nanos(racyAfter);
      return stat.mtimeNanos() >= limit || stat.ctimeNanos() >= limit;
    }

    private TreeEntry symlink(Path path, String name, SourceFile stat) {
      try {
        // A symlink's own mtime is not recorded: Java cannot restore it, and recording it would
        // make
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

  /** A directory entry being snapshotted. */
  private record Child(String name, Path path, SourceFile stat) {
    /**
     * The file cache key: the absolute path itself (hashing 20k paths costs more than storing
     * them).
     */
    byte[] cacheKey() {
      return path.toString().getBytes(StandardCharsets.UTF_8);
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
}

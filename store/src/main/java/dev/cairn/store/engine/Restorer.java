package dev.cairn.store.engine;

import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.TreeEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Restores a snapshot (or a subtree) into a new or empty directory. Directories are created first,
 * files are written in parallel from verified chunks, symlinks are created last, then directory
 * modes and times are set deepest first. Names are validated on every tree read, every directory is
 * one this restore created, and nothing is ever written through a symlink, so no entry can land
 * outside the target. A file whose chunk fails verification is removed and reported.
 */
final class Restorer {
  private static final int MAX_REPORTED = 20;

  /** Files with more chunks than this are restored as concurrent runs of this many chunks. */
  private static final int SEGMENT_CHUNKS = 16;

  private final Sources sources;
  private final ObjectId snapshot;
  private final ObjectId rootTree;
  private final Semaphore inFlight;
  private final List<CompletableFuture<Void>> writes = new ArrayList<>();
  private final List<Deferred> symlinks = new ArrayList<>();
  private final List<Deferred> dirs = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final LongAdder files = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private Progress progress = Progress.NONE;

  private record Deferred(Path path, TreeEntry entry) {}

  /**
   * Where a restore reads from and runs: trees and file nodes, verified chunks, a pool for files
   * and one for the segments of large files (never the same: file tasks wait for segment tasks).
   */
  record Sources(
      Trees trees, ChunkReader chunks, ExecutorService filePool, ExecutorService segmentPool) {}

  /** Verified chunk bytes. */
  interface ChunkReader {
    /** The chunk, verified, in a buffer that may be reused by this thread's next call. */
    ByteBuffer direct(ObjectId id);

    /** The chunk, verified, in an array of its own. */
    byte[] bytes(ObjectId id);
  }

  Restorer(Sources sources, ObjectId snapshot, ObjectId rootTree) {
    this.sources = sources;
    this.snapshot = snapshot;
    this.rootTree = rootTree;
    this.inFlight = new Semaphore(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
  }

  RestoreResult restore(List<String> segments, Path target, Progress progress) {
    this.progress = progress;
    Path out = target.toAbsolutePath().normalize();
    TreeEntry root = sources.trees().walk(rootTree, segments, snapshot.toShortString());
    try {
      switch (root.getKind()) {
        case ENTRY_KIND_DIR -> {
          prepareDirectory(out);
          restoreTree(ObjectId.of(root.getTarget()), out, String.join("/", segments));
          if (!segments.isEmpty()) {
            dirs.add(new Deferred(out, root));
          }
        }
        case ENTRY_KIND_FILE -> {
          prepareParent(out);
          submitFile(out, root, String.join("/", segments));
        }
        case ENTRY_KIND_SYMLINK -> {
          prepareParent(out);
          symlinks.add(new Deferred(out, root));
        }
        default -> throw new CorruptException("Unknown entry kind at " + segments);
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      for (Deferred link : symlinks) {
        Files.createSymbolicLink(link.path(), Paths.get(link.entry().getSymlinkTarget()));
      }
      for (Deferred dir : dirs) {
        Files.setPosixFilePermissions(dir.path(), permissions(dir.entry().getMode()));
        setTimes(dir.path(), dir.entry());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot restore snapshot " + snapshot.toShortString() + " to " + out, e);
    }
    if (!failures.isEmpty()) {
      List<String> shown = failures.stream().limit(MAX_REPORTED).toList();
      throw new CorruptException(
          "Cannot restore snapshot "
              + snapshot
              + ": "
              + failures.size()
              + " file(s) failed verification and were not written: "
              + String.join("; ", shown)
              + (failures.size() > MAX_REPORTED ? "; ..." : ""));
    }
    return new RestoreResult(files.sum(), dirs.size(), symlinks.size(), bytes.sum());
  }

  private void prepareDirectory(Path out) throws IOException {
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(out)) {
      if (!Files.isDirectory(out)) {
        throw new InvalidArgumentException(
            "Cannot restore to " + out + ": it exists and is not a directory");
      }
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new InvalidArgumentException(
              "Cannot restore to " + out + ": the directory is not empty");
        }
      }
      return;
    }
    Files.createDirectories(out);
  }

  private void prepareParent(Path out) throws IOException {
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("Cannot restore to " + out + ": it exists already");
    }
    Files.createDirectories(out.getParent());
  }

  private void restoreTree(ObjectId treeId, Path dir, String rel) throws IOException {
    for (TreeEntry e : sources.trees().loadTree(treeId).getEntriesList()) {
      // loadTree validated the name: no '/', '..', '.', NUL or empty; so the child stays in dir.
      Path child = dir.resolve(e.getName());
      String childRel = EntryNames.join(rel, e.getName());
      switch (e.getKind()) {
        case ENTRY_KIND_DIR -> {
          Files.createDirectory(child);
          restoreTree(ObjectId.of(e.getTarget()), child, childRel);
          dirs.add(new Deferred(child, e));
        }
        case ENTRY_KIND_FILE -> submitFile(child, e, childRel);
        case ENTRY_KIND_SYMLINK -> symlinks.add(new Deferred(child, e));
        default -> throw new CorruptException("Unknown entry kind of " + childRel);
      }
    }
  }

  private void submitFile(Path path, TreeEntry e, String rel) {
    inFlight.acquireUninterruptibly();
    writes.add(
        CompletableFuture.runAsync(
            () -> {
              try {
                writeFile(path, e, rel);
              } finally {
                inFlight.release();
              }
            },
            sources.filePool()));
  }

  private void writeFile(Path path, TreeEntry e, String rel) {
    try {
      FileNode node = sources.trees().loadFile(ObjectId.of(e.getTarget()));
      try (FileChannel ch =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        List<ChunkRef> chunks = node.getChunksList();
        if (chunks.size() <= SEGMENT_CHUNKS) {
          writeChunks(ch, chunks, 0, rel);
        } else {
          writeSegmentsInParallel(ch, chunks, rel);
        }
      }
      Files.setPosixFilePermissions(path, permissions(e.getMode()));
      setTimes(path, e);
      files.increment();
      bytes.add(node.getSize());
      progress.advance(1, node.getSize());
    } catch (CorruptException | NotFoundException bad) {
      deleteQuietly(path);
      failures.add(bad.getMessage());
    } catch (IOException io) {
      deleteQuietly(path);
      throw new UncheckedIOException("Cannot write " + path, io);
    } catch (UncheckedIOException io) {
      deleteQuietly(path);
      throw new UncheckedIOException("Cannot write " + path, io.getCause());
    }
  }

  /**
   * Splits a large file into runs of chunks that are fetched, verified and written concurrently.
   */
  private void writeSegmentsInParallel(FileChannel ch, List<ChunkRef> chunks, String rel) {
    List<CompletableFuture<Void>> segments = new ArrayList<>();
    long offset = 0;
    for (int from = 0; from < chunks.size(); from += SEGMENT_CHUNKS) {
      List<ChunkRef> run = chunks.subList(from, Math.min(chunks.size(), from + SEGMENT_CHUNKS));
      long at = offset;
      segments.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  writeChunks(ch, run, at, rel);
                } catch (IOException io) {
                  throw new UncheckedIOException(io);
                }
              },
              sources.segmentPool()));
      for (ChunkRef c : run) {
        offset += c.getLength();
      }
    }
    try {
      CompletableFuture.allOf(segments.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException re ? re : failed;
    }
  }

  private void writeChunks(FileChannel ch, List<ChunkRef> chunks, long offset, String rel)
      throws IOException {
    long at = offset;
    for (ChunkRef c : chunks) {
      ByteBuffer buf = verifiedChunk(c, rel);
      while (buf.hasRemaining()) {
        at += ch.write(buf, at);
      }
    }
  }

  /** A chunk's verified bytes in this thread's direct buffer, written without further copies. */
  private ByteBuffer verifiedChunk(ChunkRef c, String rel) {
    ObjectId id = ObjectId.of(c.getId());
    ByteBuffer data;
    try {
      data = sources.chunks().direct(id);
    } catch (CorruptException | NotFoundException e) {
      throw chunkFailure(id, rel, e);
    }
    if (data.remaining() != c.getLength()) {
      throw lengthFailure(id, rel, data.remaining(), c.getLength());
    }
    return data;
  }

  /** Copies bytes [offset, offset + length) of a file, reading only the chunks they touch. */
  long copyRange(ObjectId fileNode, String rel, long offset, long length, OutputStream out) {
    FileNode node = sources.trees().loadFile(fileNode);
    long end = length > node.getSize() - offset ? node.getSize() : offset + length;
    long written = 0;
    long at = 0;
    try {
      for (ChunkRef c : node.getChunksList()) {
        long next = at + c.getLength();
        if (next > offset && at < end) {
          byte[] data = chunk(c, rel);
          int from = (int) Math.max(0, offset - at);
          int to = (int) Math.min(c.getLength(), end - at);
          out.write(data, from, to - from);
          written += to - from;
        }
        if (next >= end) {
          break;
        }
        at = next;
      }
      out.flush();
    } catch (IOException e) {
      throw new UnavailableException("Cannot write " + rel + ": " + e.getMessage(), e);
    }
    return written;
  }

  private byte[] chunk(ChunkRef c, String rel) {
    ObjectId id = ObjectId.of(c.getId());
    byte[] data;
    try {
      data = sources.chunks().bytes(id);
    } catch (CorruptException | NotFoundException e) {
      throw chunkFailure(id, rel, e);
    }
    if (data.length != c.getLength()) {
      throw lengthFailure(id, rel, data.length, c.getLength());
    }
    return data;
  }

  private CorruptException chunkFailure(ObjectId id, String rel, RuntimeException e) {
    String what = e instanceof NotFoundException ? "missing" : "corrupt";
    return new CorruptException(
        "chunk "
            + id.toShortString()
            + " of file "
            + rel
            + " in snapshot "
            + snapshot.toShortString()
            + " is "
            + what
            + " ("
            + e.getMessage()
            + ")",
        e);
  }

  private CorruptException lengthFailure(ObjectId id, String rel, int actual, int expected) {
    return new CorruptException(
        "chunk "
            + id.toShortString()
            + " of file "
            + rel
            + " in snapshot "
            + snapshot.toShortString()
            + " has length "
            + actual
            + ", expected "
            + expected);
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(order[bit]);
      }
    }
    return perms;
  }

  private static void setTimes(Path p, TreeEntry e) throws IOException {
    Files.getFileAttributeView(p, BasicFileAttributeView.class)
        .setTimes(FileTime.from(e.getMtimeNanos(), TimeUnit.NANOSECONDS), null, null);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // Reported through the failure that made us delete it.
    }
  }
}

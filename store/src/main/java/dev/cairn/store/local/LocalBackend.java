package dev.cairn.store.local;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files below a root directory. Writes go to a temp file that is fsynced, then linked
 * into place (which fails rather than overwrite), then the directory is fsynced: a crash leaves
 * either the whole object or none of it.
 */
public final class LocalBackend implements ObjectBackend {
  private static final String TMP_DIR = "tmp";

  private final Path root;
  private final Path tmp;
  private final ReadChannelCache channels;

  public LocalBackend(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve(TMP_DIR);
    this.channels = new ReadChannelCache(64);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UnavailableException(
          "Cannot open local backend at " + root + ": " + e.getMessage(), e);
    }
  }

  /** A scratch directory on the same file system, for files later handed to {@link #putFile}. */
  public Path tempDir() {
    return tmp;
  }

  /**
   * Deletes every file in the scratch directory; only safe while no other writer uses this backend.
   */
  public void clearTempDir() {
    clearDirectory(tmp);
  }

  /**
   * Deletes everything in {@code dir}, directories too (a crashed collection leaves its scratch
   * database behind), keeping {@code dir}. An entry that cannot be deleted is left: it is only
   * clutter.
   */
  public static void clearDirectory(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir))
          .forEach(LocalBackend::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + dir, e);
    }
  }

  @Override
  public boolean put(String name, byte[] bytes) {
    Path file = tmp.resolve(UUID.randomUUID() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (IOException e) {
      deleteQuietly(file);
      throw new UncheckedIOException("Cannot write object " + name + " in " + root, e);
    }
    return putFile(name, file);
  }

  @Override
  public boolean putFile(String name, Path file) {
    Path target = resolve(name);
    try {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.createDirectories(target.getParent());
      // A hard link fails if the target exists, so an existing object is never replaced.
      try {
        Files.createLink(target, file);
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | IOException linkFailed) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          return false;
        }
        moveNoReplace(file, target);
      }
      fsyncDirectory(target.getParent());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store object " + name + " in " + root, e);
    } finally {
      deleteQuietly(file);
    }
  }

  private static void moveNoReplace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  @Override
  public byte[] read(String name, long offset, int length) {
    ByteBuffer buf = ByteBuffer.allocate(length);
    readInto(name, offset, buf);
    return buf.array();
  }

  @Override
  public void readInto(String name, long offset, ByteBuffer dst) {
    Path file = resolve(name);
    int start = dst.position();
    for (int attempt = 1; ; attempt++) {
      try {
        readFully(channels.open(file), name, offset, dst);
        return;
      } catch (ClosedChannelException evicted) {
        // Another thread evicted the shared channel from the cache mid-read; open it again.
        if (attempt == 3) {
          throw new UncheckedIOException("Cannot read object " + name + " in " + root, evicted);
        }
        dst.position(start);
      } catch (NoSuchFileException e) {
        throw new NotFoundException("Object " + name + " does not exist in " + root);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read object " + name + " in " + root, e);
      }
    }
  }

  private static void readFully(FileChannel ch, String name, long offset, ByteBuffer dst)
      throws IOException {
    long pos = offset;
    int length = dst.remaining();
    while (dst.hasRemaining()) {
      int n = ch.read(dst, pos);
      if (n < 0) {
        throw new NotFoundException(
            "Cannot read object " + name + ": range " + offset + "+" + length + " is past its end");
      }
      pos += n;
    }
  }

  @Override
  public byte[] readAll(String name) {
    try {
      return Files.readAllBytes(resolve(name));
    } catch (NoSuchFileException e) {
      throw new NotFoundException("Object " + name + " does not exist in " + root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read object " + name + " in " + root, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return Optional.of(new ObjectInfo(name, a.size(), a.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stat object " + name + " in " + root, e);
    }
  }

  @Override
  public boolean delete(String name) {
    Path file = resolve(name);
    channels.evict(file);
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete object " + name + " in " + root, e);
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    // List the deepest directory the prefix names, then filter by the rest of it.
    int slash = prefix.lastIndexOf('/');
    Path dir = slash < 0 ? root : resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Stream.empty();
    }
    List<ObjectInfo> found = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new ObjectLister(prefix, found));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list objects under " + prefix + " in " + root, e);
    }
    found.sort(Comparator.comparing(ObjectInfo::name));
    return found.stream();
  }

  /**
   * Collects the regular files under a directory as objects, from the attributes the walk reads
   * anyway, skipping scratch space. An entry deleted while the walk is under way (a GC sweep, a
   * pruned policy version) is simply not listed: a listing is a moment's view, and failing it would
   * fail the caller for another's delete.
   */
  private final class ObjectLister extends SimpleFileVisitor<Path> {
    private final String prefix;
    private final List<ObjectInfo> found;

    ObjectLister(String prefix, List<ObjectInfo> found) {
      this.prefix = prefix;
      this.found = found;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
      return d.startsWith(tmp) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (attrs.isRegularFile()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        if (name.startsWith(prefix)) {
          found.add(new ObjectInfo(name, attrs.size(), attrs.lastModifiedTime().toInstant()));
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      if (e instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw e;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
      if (e != null && !(e instanceof NoSuchFileException)) {
        throw e;
      }
      return FileVisitResult.CONTINUE;
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void close() {
    channels.close();
  }

  private Path resolve(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\0") || name.contains("\\")) {
      throw new InvalidArgumentException("Invalid object name '" + name + "'");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidArgumentException("Invalid object name '" + name + "'");
      }
    }
    if (name.equals(TMP_DIR) || name.startsWith(TMP_DIR + "/")) {
      throw new InvalidArgumentException(
          "Invalid object name '" + name + "': " + TMP_DIR + "/ is reserved");
    }
    return root.resolve(name);
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temp file is harmless; the next open of the backend does not depend on it.
    }
  }
}

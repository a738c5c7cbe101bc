package dev.cairn.store.engine;

import dev.cairn.store.ForwardingBackend;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps whole copies of metadata packs (trees and file nodes, no chunks) on local disk in front of
 * a remote backend, so listing, diffing and walking snapshots read the disk instead of sending a
 * ranged GET per tree. A pack is known to be metadata when this process uploaded it or when {@link
 * #markMetadata} says so (the index refresh reads every new pack's footer); it is fetched whole on
 * its first read. Least recently used packs are evicted above the byte limit. Deleting the
 * directory at any time is safe. Thread safe.
 */
final class PackCache extends ForwardingBackend {
  private static final String PACK = ".pack";
  private static final String MARK = ".meta";

  private final Path dir;
  private final long maxBytes;
  private final LinkedHashMap<String, Long> lru = new LinkedHashMap<>(16, 0.75f, true);
  // One fetch per pack at a time; other readers of it wait and then read the local copy.
  private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();
  private long cachedBytes;

  PackCache(ObjectBackend delegate, Path dir, long maxBytes) {
    super(delegate);
    this.dir = dir;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
      List<Path> packs = new ArrayList<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(PACK)).forEach(packs::add);
      }
      packs.sort(Comparator.comparing(PackCache::modified));
      for (Path p : packs) {
        admit(p.getFileName().toString(), Files.size(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the pack cache in " + dir, e);
    }
  }

  /** Whether a pack's footer lists only metadata blobs. */
  static boolean isMetadataOnly(PackFooter footer) {
    for (PackEntry e : footer.getEntriesList()) {
      if (e.getType() == BlobType.BLOB_TYPE_CHUNK) {
        return false;
      }
    }
    return footer.getEntriesCount() > 0;
  }

  /** Notes that a pack holds only metadata, so its first read fetches and keeps all of it. */
  void markMetadata(String name) {
    Optional<String> file = fileName(name);
    if (file.isEmpty()) {
      return;
    }
    try {
      Path mark = dir.resolve(file.get() + MARK);
      if (!Files.exists(mark)) {
        Files.write(mark, new byte[0]);
      }
    } catch (IOException e) {
      // A missing mark only costs ranged reads instead of a cached copy.
    }
  }

  @Override
  public boolean putFile(String name, Path file) {
    Optional<String> cacheName = fileName(name);
    if (cacheName.isPresent() && isMetadataPack(file)) {
      copyIn(cacheName.get(), file);
      markMetadata(name);
    }
    return delegate.putFile(name, file);
  }

  @Override
  public byte[] read(String name, long offset, int length) {
    ByteBuffer buf = ByteBuffer.allocate(length);
    readInto(name, offset, buf);
    return buf.array();
  }

  @Override
  public void readInto(String name, long offset, ByteBuffer dst) {
    Optional<Path> local = local(name);
    if (local.isPresent()) {
      int start = dst.position();
      try (FileChannel ch = FileChannel.open(local.get(), StandardOpenOption.READ)) {
        long pos = offset;
        while (dst.hasRemaining()) {
          int n = ch.read(dst, pos);
          if (n < 0) {
            break;
          }
          pos += n;
        }
        if (!dst.hasRemaining()) {
          return;
        }
      } catch (IOException e) {
        // Evicted or damaged meanwhile: the remote copy is the truth.
      }
      dst.position(start);
    }
    delegate.readInto(name, offset, dst);
  }

  @Override
  public byte[] readAll(String name) {
    Optional<Path> local = local(name);
    if (local.isPresent()) {
      try {
        return Files.readAllBytes(local.get());
      } catch (IOException e) {
        // Evicted meanwhile: read the remote copy.
      }
    }
    return delegate.readAll(name);
  }

  @Override
  public boolean delete(String name) {
    fileName(name).ifPresent(this::evict);
    return delegate.delete(name);
  }

  /** The cached copy of a pack, fetching it first if it is a metadata pack not yet cached. */
  private Optional<Path> local(String name) {
    Optional<String> file = fileName(name);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Path cached = dir.resolve(file.get());
    if (Files.exists(cached)) {
      touch(file.get());
      return Optional.of(cached);
    }
    if (!Files.exists(dir.resolve(file.get() + MARK))) {
      return Optional.empty();
    }
    synchronized (fetchLocks.computeIfAbsent(file.get(), k -> new Object())) {
      if (!Files.exists(cached)) {
        Path tmp = dir.resolve(UUID.randomUUID() + ".tmp");
        try {
          Files.write(tmp, delegate.readAll(name));
          copyIn(file.get(), tmp);
        } catch (IOException e) {
          return Optional.empty();
        } finally {
          deleteQuietly(tmp);
        }
      }
    }
    return Optional.of(cached);
  }

  private void copyIn(String file, Path source) {
    Path tmp = dir.resolve(UUID.randomUUID() + ".tmp");
    try {
      Files.copy(source, tmp);
      Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
      admit(file, Files.size(dir.resolve(file)));
    } catch (IOException e) {
      // Not caching is always correct; it only costs requests later.
    } finally {
      deleteQuietly(tmp);
    }
  }

  private synchronized void admit(String file, long size) {
    Long old = lru.put(file, size);
    cachedBytes += size - (old == null ? 0 : old);
    Iterator<Map.Entry<String, Long>> oldest = lru.entrySet().iterator();
    while (cachedBytes > maxBytes && oldest.hasNext()) {
      Map.Entry<String, Long> e = oldest.next();
      if (e.getKey().equals(file)) {
        continue;
      }
      cachedBytes -= e.getValue();
      oldest.remove();
      deleteQuietly(dir.resolve(e.getKey()));
    }
  }

  private synchronized void touch(String file) {
    lru.get(file);
  }

  private synchronized void evict(String file) {
    Long size = lru.remove(file);
    if (size != null) {
      cachedBytes -= size;
    }
    deleteQuietly(dir.resolve(file));
    deleteQuietly(dir.resolve(file + MARK));
  }

  private static Optional<String> fileName(String name) {
    ObjectId id = PackFormat.parseObjectName(name);
    return id == null ? Optional.empty() : Optional.of(id + PACK);
  }

  private static boolean isMetadataPack(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < PackFormat.TAIL_LENGTH + 8) {
        return false;
      }
      byte[] tail = readAt(ch, size - PackFormat.TAIL_LENGTH, PackFormat.TAIL_LENGTH);
      int length = PackFormat.footerLength(tail, file.toString());
      byte[] footer = readAt(ch, size - PackFormat.TAIL_LENGTH - length, length);
      return isMetadataOnly(PackFormat.parseFooter(footer, file.toString()));
    } catch (IOException | RuntimeException e) {
      return false; // not worth failing an upload over: the pack is just not cached
    }
  }

  private static byte[] readAt(FileChannel ch, long pos, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) >= 0) {
      // keep reading
    }
    return buf.array();
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (NoSuchFileException ignored) {
      // Gone already.
    } catch (IOException ignored) {
      // A leftover cache file is harmless: the cache is rebuilt on demand.
    }
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.ForwardingBackend;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.pack.PackFormat;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Serves blob reads from packs in a remote backend out of large aligned windows, so restoring a
 * snapshot costs one GET per window of a pack rather than one per chunk (thousands per GiB). Each
 * window is fetched once, however many threads want it; the most recently used windows stay in
 * memory up to a byte limit. Reads larger than half a window, and every other object, pass through.
 * Only the blob store reads through it: index rebuilds and checks, which read footers and whole
 * packs, use the backend directly. Thread safe.
 */
final class PackReadAhead extends ForwardingBackend {
  private final int window;
  private final long maxBytes;
  private final Map<String, Long> sizes = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<byte[]>> loading = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, byte[]> windows = new LinkedHashMap<>(16, 0.75f, true);
  private long heldBytes;

  PackReadAhead(ObjectBackend delegate, int window, long maxBytes) {
    super(delegate);
    this.window = window;
    this.maxBytes = maxBytes;
  }

  /** Windows of 16 MiB, at most a quarter of the heap (and 512 MiB) of them. */
  static PackReadAhead over(ObjectBackend delegate) {
    long budget = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);
    return new PackReadAhead(delegate, 16 << 20, budget);
  }

  @Override
  public byte[] read(String name, long offset, int length) {
    ByteBuffer buf = ByteBuffer.allocate(length);
    readInto(name, offset, buf);
    return buf.array();
  }

  @Override
  public void readInto(String name, long offset, ByteBuffer dst) {
    int length = dst.remaining();
    if (length == 0 || length > window / 2 || PackFormat.parseObjectName(name) == null) {
      delegate.readInto(name, offset, dst);
      return;
    }
    long size = sizes.computeIfAbsent(name, this::sizeOf);
    if (offset + length > size) {
      throw new NotFoundException(
          "Cannot read object " + name + ": range " + offset + "+" + length + " is past its end");
    }
    // A read can straddle two windows; it then takes the end of one and the start of the next.
    long pos = offset;
    while (dst.hasRemaining()) {
      long index = pos / window;
      int from = (int) (pos - index * window);
      int n = Math.min(dst.remaining(), window - from);
      dst.put(window(name, index, size), from, n);
      pos += n;
    }
  }

  private long sizeOf(String name) {
    return delegate
        .stat(name)
        .map(ObjectInfo::size)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "Object " + name + " does not exist in " + delegate.describe()));
  }

  private byte[] window(String name, long index, long size) {
    String key = name + "#" + index;
    synchronized (this) {
      byte[] held = windows.get(key);
      if (held != null) {
        return held;
      }
    }
    CompletableFuture<byte[]> mine = new CompletableFuture<>();
    CompletableFuture<byte[]> existing = loading.putIfAbsent(key, mine);
    if (existing != null) {
      return join(existing, name);
    }
    try {
      long start = index * window;
      byte[] bytes = delegate.read(name, start, (int) Math.min(window, size - start));
      keep(key, bytes);
      mine.complete(bytes);
      return bytes;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key);
    }
  }

  private synchronized void keep(String key, byte[] bytes) {
    byte[] old = windows.put(key, bytes);
    heldBytes += bytes.length - (old == null ? 0 : old.length);
    var oldest = windows.entrySet().iterator();
    while (heldBytes > maxBytes && oldest.hasNext()) {
      Map.Entry<String, byte[]> e = oldest.next();
      if (e.getKey().equals(key)) {
        continue;
      }
      heldBytes -= e.getValue().length;
      oldest.remove();
    }
  }

  private static byte[] join(CompletableFuture<byte[]> f, String name) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while reading " + name, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new UnavailableException("Cannot read " + name + ": " + e.getCause(), e.getCause());
    }
  }

  @Override
  public boolean delete(String name) {
    sizes.remove(name);
    synchronized (this) {
      windows.keySet().removeIf(k -> k.startsWith(name + "#"));
    }
    return delegate.delete(name);
  }

  @Override
  public void close() {
    // The blob store does not own the backend; the repository closes the one underneath.
  }
}

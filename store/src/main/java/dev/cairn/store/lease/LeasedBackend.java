package dev.cairn.store.lease;

import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A backend written under a writer lease: before it writes a snapshot object or a ref journal
 * record (what makes a snapshot visible), it confirms the lease is still this process's, so a
 * writer whose lease was taken over can add packs nobody references, never a ref. Closing it
 * releases the lease.
 */
public final class LeasedBackend implements ObjectBackend {
  private final ObjectBackend delegate;
  private final WriterLease lease;
  private final AtomicBoolean closed = new AtomicBoolean();

  public LeasedBackend(ObjectBackend delegate, WriterLease lease) {
    this.delegate = delegate;
    this.lease = lease;
  }

  public WriterLease lease() {
    return lease;
  }

  @Override
  public boolean put(String name, byte[] bytes) {
    guard(name);
    return delegate.put(name, bytes);
  }

  @Override
  public boolean putFile(String name, Path file) {
    guard(name);
    return delegate.putFile(name, file);
  }

  private void guard(String name) {
    if (name.startsWith("refs/") || name.startsWith("snapshots/")) {
      lease.verify("write " + name);
    }
  }

  @Override
  public byte[] read(String name, long offset, int length) {
    return delegate.read(name, offset, length);
  }

  @Override
  public void readInto(String name, long offset, ByteBuffer dst) {
    delegate.readInto(name, offset, dst);
  }

  @Override
  public byte[] readAll(String name) {
    return delegate.readAll(name);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    return delegate.stat(name);
  }

  @Override
  public boolean delete(String name) {
    return delegate.delete(name);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      lease.close();
    } finally {
      delegate.close();
    }
  }
}

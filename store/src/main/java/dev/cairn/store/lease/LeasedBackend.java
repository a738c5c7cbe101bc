package dev.cairn.store.lease;

import dev.cairn.store.ForwardingBackend;
import dev.cairn.store.ObjectBackend;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A backend written under a writer lease: before it writes a snapshot object, a ref journal record
 * (what makes a snapshot visible) or a retention policy version (what decides which snapshots GC
 * expires), it confirms the lease is still this process's, so a writer whose lease was taken over
 * can add packs nobody references, never a ref or a policy. Closing it releases the lease.
 */
public final class LeasedBackend extends ForwardingBackend {
  private final WriterLease lease;
  private final AtomicBoolean closed = new AtomicBoolean();

  public LeasedBackend(ObjectBackend delegate, WriterLease lease) {
    super(delegate);
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
    if (name.startsWith("refs/")
        || name.startsWith("snapshots/")
        || name.startsWith("retention/")) {
      lease.verify("write " + name);
    }
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

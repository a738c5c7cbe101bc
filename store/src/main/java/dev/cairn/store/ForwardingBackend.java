package dev.cairn.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An {@link ObjectBackend} that passes every call to another one; decorators (caches, read-ahead,
 * the writer lease) override only what they change.
 */
public abstract class ForwardingBackend implements ObjectBackend {
  protected final ObjectBackend delegate;

  protected ForwardingBackend(ObjectBackend delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean put(String name, byte[] bytes) {
    return delegate.put(name, bytes);
  }

  @Override
  public boolean putFile(String name, Path file) {
    return delegate.putFile(name, file);
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
  public Optional<java.time.Instant> serverTime(String name) {
    return delegate.serverTime(name);
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
    delegate.close();
  }
}

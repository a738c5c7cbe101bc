package dev.cairn.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a repository's immutable bytes live: packs, snapshot objects, the config and the ref
 * journal. Names are relative paths of '/'-separated segments ({@code packs/ab/abcd….pack}).
 *
 * <p>Objects are never overwritten: {@code put} of an existing name leaves the existing object in
 * place and returns false, which makes every put idempotent for content-addressed names. A reader
 * never sees a partly written object. Implementations are thread safe.
 */
public interface ObjectBackend extends AutoCloseable {

  /**
   * Stores bytes under a new name.
   *
   * @return true if written, false if an object of that name already existed (left unchanged)
   */
  boolean put(String name, byte[] bytes);

  /**
   * Stores the content of a local file under a new name. The backend may move the file away; the
   * caller must not use it afterwards.
   *
   * @return true if written, false if the name already existed
   */
  boolean putFile(String name, Path file);

  /** Reads {@code length} bytes at {@code offset}; throws {@link NotFoundException} if absent. */
  byte[] read(String name, long offset, int length);

  /**
   * Reads {@code dst.remaining()} bytes at {@code offset} into {@code dst}, advancing its position.
   * Lets hot paths reuse (direct) buffers instead of allocating per read.
   */
  default void readInto(String name, long offset, java.nio.ByteBuffer dst) {
    dst.put(read(name, offset, dst.remaining()));
  }

  /** Reads a whole object; throws {@link NotFoundException} if absent. */
  byte[] readAll(String name);

  /** Size and time of an object, or empty if it does not exist. */
  Optional<ObjectInfo> stat(String name);

  /**
   * The storage server's current time, taken from its answer to a read of {@code name} (an object
   * that exists) without changing anything: for garbage collection's dry runs. To the second, and
   * never later than the server's true time (HTTP dates are truncated), so ages measured against it
   * are never overstated. Empty where the storage keeps no clock of its own (a local directory,
   * whose time is the process's clock) or the server sent no time.
   */
  default Optional<java.time.Instant> serverTime(String name) {
    return Optional.empty();
  }

  /**
   * @return false if it was already gone.
   */
  boolean delete(String name);

  /**
   * Every object whose name starts with the prefix, in name order. The caller closes the stream.
   */
  Stream<ObjectInfo> list(String prefix);

  /** A human-readable location for messages (a directory or a URL). */
  String describe();

  @Override
  void close();
}

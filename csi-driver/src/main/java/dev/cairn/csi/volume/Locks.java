package dev.cairn.csi.volume;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per key (volume id, snapshot name, store snapshot id): CSI allows the CO to retry a call
 * while the first is still running, and two calls on one object must not interleave.
 */
final class Locks {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  <T> T with(String key, Supplier<T> body) {
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}

package dev.cairn.store.index;

import org.rocksdb.RocksDB;

/** Loads RocksDB's native library once per JVM. */
final class NativeLoader {
  private NativeLoader() {}

  static void load() {
    RocksDB.loadLibrary();
  }
}

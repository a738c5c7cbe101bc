package dev.cairn.lineage.rocks;

import org.rocksdb.RocksIterator;

/** Walks {@code prefix + id} keys with a RocksDB iterator, from the range's start outwards. */
final class IndexIdStream implements IdStream {
  private final RocksIterator it;
  private final byte[] prefix;
  private final IdRange range;

  IndexIdStream(RocksIterator it, byte[] prefix, IdRange range) {
    this.it = it;
    this.prefix = prefix;
    this.range = range;
    byte[] start = concat(prefix, Keys.longValue(range.start()));
    if (range.descending()) {
      it.seekForPrev(start);
    } else {
      it.seek(start);
    }
  }

  @Override
  public long next() {
    while (it.isValid()) {
      byte[] key = it.key();
      if (!ReadView.startsWith(key, prefix)) {
        return END;
      }
      advance();
      if (key.length != prefix.length + 8) {
        continue; // not an id key of this index: skip rather than misread
      }
      long id = Keys.trailingId(key);
      if (range.contains(id)) {
        return id;
      }
      return END; // past the far end of the range: the rest is further out
    }
    return END;
  }

  private void advance() {
    if (range.descending()) {
      it.prev();
    } else {
      it.next();
    }
  }

  @Override
  public void close() {
    it.close();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

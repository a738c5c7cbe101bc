package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes and blobs the index still places in each pack after a pass: what decides whether a pack
 * is deleted, repacked or kept. One small entry per pack, not per blob.
 */
final class PackLiveness {
  private final Map<ObjectId, long[]> live = new HashMap<>();

  void add(ObjectId pack, long storedBytes) {
    long[] l = live.computeIfAbsent(pack, k -> new long[2]);
    l[0] += storedBytes;
    l[1]++;
  }

  long liveBytes(ObjectId pack) {
    long[] l = live.get(pack);
    return l == null ? 0 : l[0];
  }

  long liveBlobs(ObjectId pack) {
    long[] l = live.get(pack);
    return l == null ? 0 : l[1];
  }
}

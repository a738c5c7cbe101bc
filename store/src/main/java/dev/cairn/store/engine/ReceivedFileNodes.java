package dev.cairn.store.engine;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.FileNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * File nodes that arrived in uploaded packs, parsed and verified against their ids on arrival, so
 * that the commit which follows the upload checks their chunks without reading every node back from
 * its pack, decompressing and hashing it again. It holds content only (an id names its bytes):
 * whether a node is stored is still asked of the index, and so goes through the revival lock. Least
 * recently used nodes are dropped first; thread safe.
 */
final class ReceivedFileNodes {
  /** About 20 MB of small nodes; a larger upload reads the oldest nodes back, as before. */
  static final int CAPACITY = 1 << 16;

  private final Map<ObjectId, FileNode> nodes =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, FileNode> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized void add(Map<ObjectId, FileNode> received) {
    nodes.putAll(received);
  }

  synchronized Optional<FileNode> find(ObjectId id) {
    return Optional.ofNullable(nodes.get(id));
  }
}

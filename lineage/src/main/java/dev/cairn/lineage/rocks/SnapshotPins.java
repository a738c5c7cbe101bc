package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.SnapshotPin;
import dev.cairn.lineage.mlmd.Artifact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Lists the snapshot pins from the uri index: per namespace, one seek to that namespace's snapshot
 * uris and a scan of just those, then a skip to the next namespace.
 */
final class SnapshotPins {
  private static final byte[] URI_PREFIX =
      LineageStore.SNAPSHOT_URI_PREFIX.getBytes(StandardCharsets.UTF_8);

  private SnapshotPins() {}

  static List<SnapshotPin> list(RocksDB db, ColumnFamilyHandle uris, ColumnFamilyHandle artifacts) {
    List<SnapshotPin> pins = new ArrayList<>();
    try (RocksIterator it = db.newIterator(uris)) {
      it.seekToFirst();
      while (it.isValid()) {
        byte[] key = it.key();
        int nul = indexOf(key, (byte) 0);
        String ns = new String(key, 0, nul, StandardCharsets.UTF_8);
        byte[] start = concat(Arrays.copyOf(key, nul + 1), URI_PREFIX);
        for (it.seek(start); it.isValid() && Tx.startsWith(it.key(), start); it.next()) {
          byte[] k = it.key();
          long id = Keys.trailingId(k);
          // The uri sits between the namespace's NUL and the NUL before the 8-byte id.
          String snapshot =
              new String(k, start.length, k.length - 9 - start.length, StandardCharsets.UTF_8);
          byte[] bytes = db.get(artifacts, Keys.id(ns, id));
          if (bytes != null
              && RocksLineageStore.parse(Artifact::parseFrom, bytes).getState()
                  != Artifact.State.DELETED) {
            pins.add(new SnapshotPin(ns, id, snapshot));
          }
        }
        // Namespaces hold no NUL, so the namespace followed by byte 1 sorts after all its keys.
        byte[] next = Arrays.copyOf(key, nul + 1);
        next[nul] = 1;
        it.seek(next);
      }
    } catch (RocksDBException e) {
      throw new LineageException("Cannot list snapshot pins: " + e.getMessage(), e);
    }
    return pins;
  }

  private static int indexOf(byte[] key, byte b) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] == b) {
        return i;
      }
    }
    throw new LineageException("Cannot read lineage store: uri key without a namespace");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package dev.cairn.api.client;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRestorer;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.StoredBlobSource;
import dev.cairn.store.UnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a snapshot from a server: a {@link RestorePlanner} on a thread of its own streams the
 * blobs in batches, in the order the restore reads them, into a bounded {@link ReadAheadCache}; the
 * restore decodes and verifies each blob on its own threads. What the planner did not fetch (or the
 * cache dropped, or everything once the planner failed) the restore fetches alone, one request per
 * blob, so a read-ahead that goes wrong costs time, never correctness.
 */
final class RemoteRestore implements StoredBlobSource {
  private static final Logger log = LoggerFactory.getLogger(RemoteRestore.class);

  /** Stored bytes fetched ahead of the restore at most. */
  static final long READ_AHEAD_BYTES = 32L << 20;

  /** How long reads may stop making room before the oldest blobs fetched ahead are dropped. */
  static final long STALL_MILLIS = 2000;

  private final ReadAheadCache cache =
      new ReadAheadCache(READ_AHEAD_BYTES, STALL_MILLIS, RestorePlanner.SEGMENT_CHUNKS);
  private final StoredBlobFetcher fetcher;
  private final RemoteBlobSource alone;

  private RemoteRestore(ApiClient client, String namespace) {
    this.fetcher = new StoredBlobFetcher(client, namespace);
    this.alone = new RemoteBlobSource(client, namespace);
  }

  /** Restores {@code path} of {@code snapshot} to {@code target} with {@code threads} files. */
  static RestoreResult run(
      ApiClient client,
      Snapshot snapshot,
      String path,
      Path target,
      Progress progress,
      int threads) {
    RemoteRestore source = new RemoteRestore(client, snapshot.namespace());
    RestorePlanner planner =
        new RestorePlanner(
            new StoredBlobFetcher(client, snapshot.namespace()), source.cache, snapshot.rootTree());
    Thread ahead = new Thread(() -> source.readAhead(planner, segments(path)), "cairn-read-ahead");
    ahead.setDaemon(true);
    ahead.start();
    try (SnapshotRestorer restorer = SnapshotRestorer.overStored(source, threads)) {
      return restorer.restore(snapshot, path, target, progress);
    } finally {
      source.cache.abandon();
      ahead.interrupt();
    }
  }

  private void readAhead(RestorePlanner planner, List<String> segments) {
    try {
      planner.plan(segments);
    } catch (InterruptedException e) {
      cache.abandon();
    } catch (RuntimeException e) {
      if (cache.abandoned()) {
        return;
      }
      log.warn(
          "Reading ahead stopped; the restore fetches the rest blob by blob: {}", e.toString());
      cache.abandon();
    }
  }

  @Override
  public StoredBlob readStored(ObjectId id) {
    StoredBlob ahead;
    try {
      fetchRun(id);
      ahead = cache.take(id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while restoring blob " + id, e);
    }
    if (ahead != null) {
      return ahead;
    }
    byte[] raw = alone.read(id);
    return new StoredBlob(id, raw, raw.length, false);
  }

  /** Fetches the run of a large file that {@code id} starts, unless another reader does. */
  private void fetchRun(ObjectId id) throws InterruptedException {
    List<ObjectId> run = cache.claimRun(id);
    try {
      fetcher.fetch(run, (chunk, blob) -> cache.arriveClaimed(chunk, blob));
    } catch (RuntimeException e) {
      // Readers waiting for the run must not wait forever: every read fetches alone from now on.
      log.warn(
          "Reading ahead stopped; the restore fetches the rest blob by blob: {}", e.toString());
      cache.abandon();
    }
  }

  /** As the restore splits it; a mismatch only costs requests for blobs the plan missed. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : (path == null ? "" : path).split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }
}

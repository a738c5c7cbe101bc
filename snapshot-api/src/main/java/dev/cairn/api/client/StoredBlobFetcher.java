package dev.cairn.api.client;

import dev.cairn.api.StoredBlobFrames;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches many blobs as the server stores them in one request each call. What arrives is checked
 * for layout and order only; callers verify each blob against its id. Thread safe.
 */
final class StoredBlobFetcher {
  /** Ids per request; the server takes up to 20,000. */
  static final int MAX_IDS = 4096;

  /** Receives fetched blobs in the order asked. */
  @FunctionalInterface
  interface Receiver {
    /** {@code blob} is empty if the server lacks it. */
    void accept(ObjectId id, Optional<StoredBlob> blob) throws InterruptedException;
  }

  private final ApiClient client;
  private final String path;

  StoredBlobFetcher(ApiClient client, String namespace) {
    this.client = client;
    this.path = "/api/v1/namespaces/" + ApiClient.encode(namespace) + "/blobs/stored";
  }

  /** Fetches {@code ids} (at most {@link #MAX_IDS}) and hands each to {@code receiver}. */
  void fetch(List<ObjectId> ids, Receiver receiver) throws InterruptedException {
    if (ids.size() > MAX_IDS) {
      throw new IllegalArgumentException(ids.size() + " ids; at most " + MAX_IDS + " per fetch");
    }
    if (ids.isEmpty()) {
      return;
    }
    try (InputStream in =
        client.postForStream(path, Map.of("ids", ids.stream().map(ObjectId::toString).toList()))) {
      StoredBlobFrames.Reader frames = new StoredBlobFrames.Reader(in, client.base().toString());
      for (ObjectId id : ids) {
        receiver.accept(id, frames.next(id));
      }
      frames.finish();
    } catch (IOException e) {
      throw new UnavailableException("Cannot fetch blobs from " + client.base() + ": " + e, e);
    }
  }
}

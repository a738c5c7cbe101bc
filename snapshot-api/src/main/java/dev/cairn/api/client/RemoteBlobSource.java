package dev.cairn.api.client;

import dev.cairn.store.BlobSource;
import dev.cairn.store.ObjectId;

/**
 * Blobs fetched one by one from a server, for restores; the restorer verifies each against its id.
 */
final class RemoteBlobSource implements BlobSource {
  private final ApiClient client;
  private final String prefix;

  RemoteBlobSource(ApiClient client, String namespace) {
    this.client = client;
    this.prefix = "/api/v1/namespaces/" + ApiClient.encode(namespace) + "/blobs/";
  }

  @Override
  public byte[] read(ObjectId id) {
    return client.send(client.request(prefix + id).GET().build());
  }
}

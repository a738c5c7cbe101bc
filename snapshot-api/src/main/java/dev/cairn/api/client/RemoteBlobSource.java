package dev.cairn.api.client;

import dev.cairn.store.BlobSource;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.pack.BlobCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Blobs fetched from a server, one by one or many per request; whoever uses them (a restorer, a
 * transfer) verifies each against its id.
 */
final class RemoteBlobSource implements BlobSource {
  private final ApiClient client;
  private final String prefix;
  private final RemoteStoredBlobs stored;

  RemoteBlobSource(ApiClient client, String namespace) {
    this.client = client;
    this.stored = new RemoteStoredBlobs(client, namespace);
    this.prefix = "/api/v1/namespaces/" + ApiClient.encode(namespace) + "/blobs/";
  }

  @Override
  public byte[] read(ObjectId id) {
    return client.send(client.request(prefix + id).GET().build());
  }

  /** Fetched as stored, many per request, and decoded here. */
  @Override
  public List<byte[]> readAll(List<ObjectId> ids) {
    List<byte[]> out = new ArrayList<>(ids.size());
    for (StoredBlob blob : stored.readStored(ids)) {
      out.add(BlobCodec.decode(blob, "from the server"));
    }
    return out;
  }
}

package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.SupportsUploads;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server's upload routes for one namespace, as the store's {@link SupportsUploads}: what a local
 * repository does in process, the server does for each call. Thread safe.
 */
final class RemoteUploads implements SupportsUploads {
  /** Ids per missing-blobs call; the server takes up to 20,000. */
  private static final int MAX_IDS = 10_000;

  private final ApiClient client;
  private final String prefix;

  RemoteUploads(ApiClient client, String namespace) {
    this.client = client;
    this.prefix = "/api/v1/namespaces/" + ApiClient.encode(namespace);
  }

  @Override
  public Set<ObjectId> missing(Collection<ObjectId> ids) {
    List<String> all = ids.stream().map(ObjectId::toString).toList();
    Set<ObjectId> out = new HashSet<>();
    for (int i = 0; i < all.size(); i += MAX_IDS) {
      JsonNode answer =
          client.post(
              prefix + "/blobs/missing",
              Map.of("ids", all.subList(i, Math.min(all.size(), i + MAX_IDS))));
      answer.path("missing").forEach(id -> out.add(ObjectId.parse(id.asText())));
    }
    return out;
  }

  /** A pack upload whose body the caller streams with {@link ApiClient#send}. */
  StreamingPost packUpload() {
    return client.streamingPost(prefix + "/packs", "application/octet-stream");
  }

  /** Streams the pack; the server bounds its size, so {@code maxBytes} is not needed here. */
  @Override
  public ReceivedPack receivePack(InputStream pack, long maxBytes) {
    return ApiClient.convert(
        client.upload(prefix + "/packs", "application/octet-stream", pack), ReceivedPack.class);
  }

  @Override
  public ReceivedPack receivePack(Path pack) {
    return ApiClient.convert(
        client.upload(prefix + "/packs", "application/octet-stream", pack), ReceivedPack.class);
  }

  @Override
  public SnapshotResult commit(SnapshotCommit c) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", c.ref().name());
    body.put("rootTree", c.rootTree().toString());
    c.parent().ifPresent(p -> body.put("parent", p.toString()));
    putExpectation(body, c.expected());
    body.put("kind", c.kind().label());
    body.put("source", c.source());
    body.put("labels", c.labels());
    body.put("message", c.message());
    return result(client.post(prefix + "/snapshots/commit", body));
  }

  @Override
  public SnapshotResult importSnapshot(SnapshotImport request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("snapshot", request.snapshot());
    request
        .ref()
        .ifPresent(
            r -> {
              body.put("ref", r.name());
              putExpectation(body, request.expected());
            });
    return result(client.post(prefix + "/snapshots/import", body));
  }

  /** As the routes read it: absent means any value, null no ref yet, an id that snapshot. */
  private static void putExpectation(Map<String, Object> body, RefExpectation e) {
    switch (e.kind()) {
      case ANY -> {}
      case ABSENT -> body.put("expected", null);
      case VALUE -> body.put("expected", e.value().toString());
    }
  }

  private static SnapshotResult result(JsonNode answer) {
    Snapshot s = ApiClient.convert(answer.path("snapshot"), Snapshot.class);
    RefUpdate update = RefUpdate.valueOf(answer.path("refUpdate").asText());
    return new SnapshotResult(s, update, 0, 0, 0, 0, 0, 0);
  }
}

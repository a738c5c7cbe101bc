package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.BuiltTree;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.Hosts;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.TreeBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots a local directory into a server: builds the tree with the server's chunker (reusing
 * cached file nodes of unchanged files), uploads the blobs the server lacks, then commits the root
 * tree and moves the ref with compare-and-swap. Until the commit nothing is visible; packs stored
 * before an interruption are reused by the next attempt, which sends only what is still missing.
 */
final class RemoteSnapshotWriter {
  private static final Logger log = LoggerFactory.getLogger(RemoteSnapshotWriter.class);

  private final ApiClient client;
  private final RepositoryConfig config;
  private final TreeBuilder builder;
  private final Optional<ClientStatCache> cache;
  private final RemoteRefStore refs;
  private final RemoteCatalog catalog;
  private final RemoteOptions options;

  RemoteSnapshotWriter(
      ApiClient client,
      RepositoryConfig config,
      TreeBuilder builder,
      Optional<ClientStatCache> cache,
      RemoteRefStore refs,
      RemoteCatalog catalog,
      RemoteOptions options) {
    this.client = client;
    this.config = config;
    this.builder = builder;
    this.cache = cache;
    this.refs = refs;
    this.catalog = catalog;
    this.options = options;
  }

  SnapshotResult write(SnapshotRequest request) {
    if (request.overlayLower().isPresent()) {
      throw new InvalidArgumentException(
          "Cannot snapshot " + request.source() + " as an overlay layer over a server");
    }
    Path source = request.source().toAbsolutePath().normalize();
    Optional<ObjectId> expected = refs.find(request.ref()).map(r -> r.target());
    Optional<ObjectId> parent =
        request.noParent() ? Optional.empty() : request.parent().or(() -> expected);
    try {
      return attempt(request, source, parent, expected);
    } catch (NotFoundException e) {
      if (cache.isEmpty()) {
        throw e;
      }
      // A cached file node the server no longer holds completely: forget what is cached for this
      // source and try once more, reading every file.
      log.warn("The server lacks blobs the stat cache named; reading every file again: {}", e);
      cache.get().forget(source);
      return attempt(request, source, parent, expected);
    }
  }

  private SnapshotResult attempt(
      SnapshotRequest request,
      Path source,
      Optional<ObjectId> parent,
      Optional<ObjectId> expected) {
    String ns = request.ref().namespace();
    cache.ifPresent(ClientStatCache::discardLearned);
    try (PackUploader uploader = new PackUploader(client, ns, config, options.uploadThreads())) {
      BuiltTree tree =
          builder.build(
              source,
              uploader,
              cache.<FileStatCache>map(c -> c).orElse(FileStatCache.NONE),
              request.progress());
      uploader.finish();
      JsonNode answer =
          client.post(
              "/api/v1/namespaces/" + ApiClient.encode(ns) + "/snapshots/commit",
              commitBody(request, source, tree.root(), parent, expected));
      Snapshot snapshot = ApiClient.convert(answer.path("snapshot"), Snapshot.class);
      RefUpdate update = RefUpdate.valueOf(answer.path("refUpdate").asText());
      catalog.learned(snapshot.id(), ns);
      cache.ifPresent(ClientStatCache::save);
      UploadStats sent = uploader.stats();
      return new SnapshotResult(
          snapshot,
          update,
          tree.filesRead(),
          tree.filesReused(),
          tree.bytesRead(),
          sent.blobsSent(),
          sent.rawBytesSent(),
          sent.packBytesSent());
    }
  }

  private static Map<String, Object> commitBody(
      SnapshotRequest request,
      Path source,
      ObjectId root,
      Optional<ObjectId> parent,
      Optional<ObjectId> expected) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", request.ref().name());
    body.put("rootTree", root.toString());
    parent.ifPresent(p -> body.put("parent", p.toString()));
    // The ref must still hold what it held when this snapshot started, as in a local snapshot.
    body.put("expected", expected.map(ObjectId::toString).orElse(null));
    body.put("kind", request.kind().label());
    body.put("source", Hosts.name() + ":" + source);
    body.put("labels", request.labels());
    body.put("message", request.message());
    return body;
  }
}

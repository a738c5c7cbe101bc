package dev.cairn.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.ApiException;
import dev.cairn.api.ApiMetrics;
import dev.cairn.api.Call;
import dev.cairn.api.Json;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.api.StoredBlobFrames;
import dev.cairn.store.BlobSource;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.StoredBlobSource;
import dev.cairn.store.SupportsTransfer;
import dev.cairn.store.SupportsUploads;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What remote clients need to snapshot and restore with their own chunking: the repository's
 * settings, which blobs it lacks, packs of blobs, the commit of an uploaded tree, and blobs by id.
 * Blob ids are SHA-256 of content: asking for one means already knowing what it holds, which is why
 * reading and probing blobs needs no more than a right to the namespace named in the path.
 */
public final class TransferRoutes {
  private static final String NS = "/api/v1/namespaces/{ns}";

  /** Ids per missing-blobs call: about 1.4 MB of JSON. */
  static final int MAX_IDS = 20_000;

  /** A pack is one upload; clients aim far lower (16 MiB), this only bounds the staging disk. */
  static final long MAX_PACK_BYTES = 1L << 30;

  private static final long MIN_PACK_TARGET = 64L << 10;

  private final Repository repo;
  private final ApiMetrics metrics;
  private final long maxPackBytes;

  public TransferRoutes(Repository repo, ApiMetrics metrics, long maxUploadBytes) {
    this.repo = repo;
    this.metrics = metrics;
    this.maxPackBytes = Math.min(MAX_PACK_BYTES, maxUploadBytes);
  }

  public List<Route> routes() {
    return List.of(
        Route.get(
            "/api/v1/repository",
            Access.AUTHENTICATED,
            "getRepository",
            "The repository's id, format and chunker settings, so clients chunk as it does; its"
                + " pack target, or less when this server takes smaller uploads",
            c -> Reply.ok(configForUploads())),
        Route.post(
            NS + "/blobs/missing",
            Access.WRITE,
            "findMissingBlobs",
            "Of the blob ids given ({ids}), those the repository lacks ({missing}), in the order asked",
            this::missing),
        Route.post(
                NS + "/packs",
                Access.WRITE,
                "uploadPack",
                "Store a pack of blobs in the store's pack format; every blob is verified first",
                this::pack)
            .withUpload("application/octet-stream", maxPackBytes),
        Route.post(
            NS + "/snapshots/commit",
            Access.WRITE,
            "commitSnapshot",
            "Commit an uploaded tree as a snapshot and move a ref with compare-and-swap:"
                + " {ref, rootTree, parent?, expected?, kind?, source?, labels?, message?}",
            this::commit),
        Route.post(
            NS + "/snapshots/import",
            Access.WRITE,
            "importSnapshot",
            "Store a snapshot copied from another repository with its fields unchanged, so it keeps"
                + " its id (creator included), once its blobs are here; optionally move a ref with"
                + " compare-and-swap: {snapshot, ref?, expected?}",
            this::importSnapshot),
        Route.get(NS + "/blobs/{id}", Access.READ, "getBlob", "A blob's bytes", this::blob)
            .withResponse("application/octet-stream"),
        Route.post(
                NS + "/blobs/stored",
                Access.READ,
                "getStoredBlobs",
                "Many blobs ({ids}) as the repository stores them (zstd or raw), streamed in the"
                    + " order asked, one frame each, absent ones marked; clients verify each",
                this::storedBlobs)
            .withResponse(StoredBlobFrames.CONTENT_TYPE));
  }

  /**
   * The repository's settings, with a pack target that keeps every pack a client cuts within this
   * server's upload limit; a pack over it would be refused midway, after the client had sent it. A
   * client seals a pack once it reaches the target, so a pack may pass it by one blob (at most the
   * chunker's largest chunk); its footer, about 80 bytes per blob, can come close to the size of
   * its data in a pack of small trees and file nodes. Hence half of what that blob leaves.
   */
  private RepositoryConfig configForUploads() {
    RepositoryConfig c = repo.config();
    long fitting = Math.max(MIN_PACK_TARGET, (maxPackBytes - 2L * c.chunker().maxSize()) / 2);
    if (c.packTargetBytes() <= fitting) {
      return c;
    }
    return new RepositoryConfig(
        c.formatVersion(),
        c.repositoryId(),
        c.chunker(),
        fitting,
        c.compressionLevel(),
        c.createdAt());
  }

  private SupportsUploads uploads() {
    if (repo instanceof SupportsUploads u) {
      return u;
    }
    throw new ApiException(501, "UNIMPLEMENTED", "This repository does not take uploads");
  }

  /** The missing ones in the order asked, each once. */
  private Reply missing(Call call) {
    List<ObjectId> asked = ids(call);
    Set<ObjectId> lacking = new HashSet<>(uploads().missing(asked));
    List<String> missing = new ArrayList<>(lacking.size());
    for (ObjectId id : asked) {
      if (lacking.remove(id)) {
        missing.add(id.toString());
      }
    }
    return Reply.ok(Map.of("missing", missing));
  }

  /** The {@code ids} of a JSON body: full ids, at most {@link #MAX_IDS}. */
  private static List<ObjectId> ids(Call call) {
    JsonNode ids = call.bodyTree("ids").get("ids");
    if (ids == null || !ids.isArray()) {
      throw ApiException.badRequest("Invalid request: field 'ids' must be an array of blob ids");
    }
    if (ids.size() > MAX_IDS) {
      throw ApiException.badRequest(
          "Invalid request: " + ids.size() + " ids; at most " + MAX_IDS + " per call");
    }
    List<ObjectId> asked = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      String hex = id.asText();
      if (!id.isTextual() || hex.length() != 64 || !ObjectId.isHex(hex)) {
        throw ApiException.badRequest(
            "Invalid request: '" + hex + "' in field 'ids' is not a full (64 hex digit) blob id");
      }
      asked.add(ObjectId.parse(hex));
    }
    return asked;
  }

  /**
   * Streams blobs as stored, so a restore fetches thousands per round trip and the server neither
   * decodes nor re-encodes them. A blob that turns out unreadable midway aborts the answer, which
   * the client sees as broken off.
   */
  private Reply storedBlobs(Call call) {
    String namespace = call.namespace();
    if (!(repo instanceof SupportsTransfer t) || t.storedBlobs(namespace).isEmpty()) {
      throw new ApiException(501, "UNIMPLEMENTED", "This repository does not serve stored blobs");
    }
    StoredBlobSource source = t.storedBlobs(namespace).get();
    List<ObjectId> asked = ids(call);
    return new Reply.Stream(
        200,
        StoredBlobFrames.CONTENT_TYPE,
        -1,
        Map.of(),
        out -> {
          StoredBlobFrames.Writer frames = new StoredBlobFrames.Writer(out);
          for (ObjectId id : asked) {
            frames.blob(id, find(source, id));
          }
          frames.finish();
        });
  }

  private static Optional<StoredBlob> find(StoredBlobSource source, ObjectId id) {
    try {
      return Optional.of(source.readStored(id));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private Reply pack(Call call) throws IOException {
    long start = System.nanoTime();
    ReceivedPack received;
    try (InputStream body = call.bodyStream()) {
      received = uploads().receivePack(body, maxPackBytes);
    }
    metrics.packReceived(received.bytes(), System.nanoTime() - start);
    return Reply.created(received);
  }

  private Reply commit(Call call) {
    JsonNode body =
        call.bodyTree(
            "ref", "rootTree", "parent", "expected", "kind", "source", "labels", "message");
    SnapshotCommit commit =
        new SnapshotCommit(
            new RefName(call.namespace(), text(body, "ref", null)),
            id(body, "rootTree").orElseThrow(() -> missingField("rootTree")),
            id(body, "parent"),
            expectation(body),
            kind(text(body, "kind", "other")),
            text(body, "source", ""),
            labels(body),
            call.principal().name(),
            text(body, "message", ""));
    SnapshotResult r = uploads().commit(commit);
    return Reply.created(Map.of("snapshot", r.snapshot(), "refUpdate", r.refUpdate()));
  }

  private Reply importSnapshot(Call call) {
    JsonNode body = call.bodyTree("snapshot", "ref", "expected");
    JsonNode fields = body.get("snapshot");
    if (fields == null || !fields.isObject()) {
      throw missingField("snapshot");
    }
    Snapshot snapshot;
    try {
      snapshot = Json.mapper().treeToValue(fields, Snapshot.class);
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid request: field 'snapshot' is not a snapshot: " + e);
    }
    if (!call.namespace().equals(snapshot.namespace())) {
      throw ApiException.badRequest(
          "Cannot import snapshot "
              + snapshot.id()
              + " into namespace "
              + call.namespace()
              + ": it belongs to namespace "
              + snapshot.namespace());
    }
    Optional<RefName> ref =
        body.hasNonNull("ref")
            ? Optional.of(new RefName(call.namespace(), text(body, "ref", null)))
            : Optional.empty();
    SnapshotResult r =
        uploads().importSnapshot(new SnapshotImport(snapshot, ref, expectation(body)));
    return Reply.created(Map.of("snapshot", r.snapshot(), "refUpdate", r.refUpdate()));
  }

  private Reply blob(Call call) {
    if (!(repo instanceof BlobSource source)) {
      throw new ApiException(501, "UNIMPLEMENTED", "This repository does not serve blobs");
    }
    String hex = call.path("id");
    if (hex.length() != 64 || !ObjectId.isHex(hex)) {
      throw ApiException.badRequest("Invalid blob id '" + hex + "': expected 64 hex digits");
    }
    byte[] bytes = source.read(ObjectId.parse(hex));
    return new Reply.Stream(
        200,
        "application/octet-stream",
        bytes.length,
        Map.of(
            "ETag",
            "\"" + hex.toLowerCase(Locale.ROOT) + "\"",
            "Cache-Control",
            "private, max-age=31536000, immutable"),
        out -> out.write(bytes));
  }

  private static String text(JsonNode body, String field, String orElse) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (orElse == null) {
        throw missingField(field);
      }
      return orElse;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest("Invalid request: field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static Optional<ObjectId> id(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().length() != 64 || !ObjectId.isHex(v.asText())) {
      throw ApiException.badRequest(
          "Invalid request: field '" + field + "' must be a full (64 hex digit) id");
    }
    return Optional.of(ObjectId.parse(v.asText()));
  }

  /** As for refs: absent means any value, null means no ref yet, an id means that snapshot. */
  private static RefExpectation expectation(JsonNode body) {
    if (!body.has("expected")) {
      return RefExpectation.any();
    }
    return id(body, "expected").map(RefExpectation::value).orElseGet(RefExpectation::absent);
  }

  private static SnapshotKind kind(String s) {
    try {
      return SnapshotKind.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "Invalid kind '" + s + "': use volume, dataset, code, model or other");
    }
  }

  private static TreeMap<String, String> labels(JsonNode body) {
    TreeMap<String, String> out = new TreeMap<>();
    JsonNode l = body.get("labels");
    if (l == null || l.isNull()) {
      return out;
    }
    if (!l.isObject()) {
      throw ApiException.badRequest("Invalid request: field 'labels' must be an object");
    }
    l.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw ApiException.badRequest(
                    "Invalid request: label '" + e.getKey() + "' must have a string value");
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }

  private static ApiException missingField(String field) {
    return ApiException.badRequest("Invalid request: field '" + field + "' is required");
  }
}

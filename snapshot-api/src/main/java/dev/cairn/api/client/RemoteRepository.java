package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.BlobSource;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.DiffEntry;
import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.RefStore;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.StoredBlobSource;
import dev.cairn.store.SupportsTransfer;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.TreeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository served by {@code cairn serve}, used like a local one. Snapshots are chunked and
 * hashed here with the server's chunker, so only blobs the server lacks travel, and unchanged files
 * are not even read when the local stat cache knows them. Restores fetch and verify every blob
 * here. Listings, file reads and diffs run on the server. {@link #check} and {@link #rebuildIndex}
 * belong to the server and are refused. Thread safe.
 */
public final class RemoteRepository implements Repository, SupportsTransfer {
  private final ApiClient client;
  private final RemoteOptions options;
  private final RepositoryConfig config;
  private final RemoteCatalog catalog;
  private final RemoteRefStore refs;
  private final TreeBuilder builder;
  private final Optional<ClientStatCache> cache;
  private final RemoteSnapshotWriter writer;

  private RemoteRepository(ApiClient client, RemoteOptions options, RepositoryConfig config) {
    this.client = client;
    this.options = options;
    this.config = config;
    this.catalog = new RemoteCatalog(client);
    this.refs = new RemoteRefStore(client, catalog);
    this.builder = TreeBuilder.create(config.chunker(), options.threads(), options.clock());
    // One cache per server repository: file nodes of one repository mean nothing to another.
    this.cache =
        options.cacheDir().flatMap(d -> ClientStatCache.open(d.resolve(config.repositoryId())));
    this.writer = new RemoteSnapshotWriter(client, config, builder, cache, refs, catalog, options);
  }

  /** Connects to the server behind {@code client}; fails if it cannot be reached. */
  public static RemoteRepository connect(ApiClient client, RemoteOptions options) {
    RepositoryConfig config =
        ApiClient.convert(client.get("/api/v1/repository"), RepositoryConfig.class);
    return new RemoteRepository(client, options, config);
  }

  @Override
  public String location() {
    return client.base().toString();
  }

  @Override
  public RepositoryConfig config() {
    return config;
  }

  /**
   * Snapshots a local directory into the server. The snapshot's creator is the token's name, not
   * {@code request.creator()}; {@code storedBytesAdded} counts the pack bytes sent.
   */
  @Override
  public SnapshotResult snapshot(SnapshotRequest request) {
    return writer.write(request);
  }

  @Override
  public ObjectId resolve(String spec) {
    return catalog.resolve(spec, refs);
  }

  @Override
  public Snapshot loadSnapshot(ObjectId id) {
    return catalog.load(id);
  }

  @Override
  public List<Snapshot> listSnapshots(Optional<String> namespace) {
    return catalog.list(namespace);
  }

  @Override
  public List<Snapshot> history(RefName ref) {
    return catalog.history(ref);
  }

  @Override
  public RefStore refs() {
    return refs;
  }

  @Override
  public List<Entry> list(ObjectId snapshot, String path) {
    JsonNode answer = client.get(snapshotPath(snapshot) + "/tree/" + encodePath(path));
    List<Entry> out = new ArrayList<>();
    answer.path("entries").forEach(e -> out.add(ApiClient.convert(e, Entry.class)));
    return out;
  }

  @Override
  public Entry stat(ObjectId snapshot, String path) {
    String p = trimSlashes(path);
    if (p.isEmpty()) {
      Snapshot s = loadSnapshot(snapshot);
      return new Entry(
          "",
          EntryType.DIR,
          0,
          java.time.Instant.EPOCH,
          s.totalBytes(),
          s.totalFiles(),
          s.rootTree(),
          null);
    }
    int slash = p.lastIndexOf('/');
    String parent = slash < 0 ? "" : p.substring(0, slash);
    for (Entry e : list(snapshot, parent)) {
      if (e.path().equals(p)) {
        return e;
      }
    }
    throw new NotFoundException(
        "Path " + p + " does not exist in snapshot " + snapshot.toShortString());
  }

  @Override
  public long cat(ObjectId snapshot, String path, long offset, long length, OutputStream out) {
    if (offset < 0 || length < 0) {
      throw new InvalidArgumentException(
          "Cannot read " + path + ": invalid range offset " + offset + ", length " + length);
    }
    var request = client.request(snapshotPath(snapshot) + "/files/" + encodePath(path)).GET();
    if (offset > 0 || length != Long.MAX_VALUE) {
      long size = stat(snapshot, path).size();
      if (offset >= size || length == 0) {
        return 0;
      }
      long end = length > size - offset ? size : offset + length;
      request.header("Range", "bytes=" + offset + "-" + (end - 1));
    }
    try (InputStream in = client.stream(request.build())) {
      long n = in.transferTo(out);
      out.flush();
      return n;
    } catch (IOException e) {
      throw new dev.cairn.store.UnavailableException(
          "Cannot read " + path + " from " + client.base() + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a snapshot from the server's catalog; the server requires an admin token. */
  @Override
  public boolean deleteSnapshot(ObjectId id) {
    try {
      client.delete(snapshotPath(id) + "?force=true");
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Deletes a snapshot unless the server finds something holding it (a ref or tag in any namespace,
   * a live lineage artifact), which only the server sees in full; {@link
   * dev.cairn.store.ConflictException} naming the holders otherwise.
   */
  public void deleteSnapshotUnlessHeld(ObjectId id) {
    client.delete(snapshotPath(id));
  }

  /**
   * Restores by streaming the blobs the snapshot needs in batches, ahead of the restore, and
   * verifying each here before it is used (see {@link RemoteRestore}).
   */
  @Override
  public RestoreResult restore(ObjectId snapshot, String path, Path target, Progress progress) {
    Snapshot s = loadSnapshot(snapshot);
    return RemoteRestore.run(client, s, path, target, progress, Math.max(8, 2 * options.threads()));
  }

  /** Blobs of a namespace, fetched one by one; the transfer verifies each against its id. */
  @Override
  public BlobSource blobs(String namespace) {
    return new RemoteBlobSource(client, namespace);
  }

  /** The server's blobs as stored, fetched in batches; the token needs read access. */
  @Override
  public Optional<StoredBlobSource> storedBlobs(String namespace) {
    return Optional.of(new RemoteStoredBlobs(client, namespace));
  }

  /** The server's upload routes for a namespace; the token needs write access to it. */
  @Override
  public SupportsUploads uploads(String namespace) {
    return new RemoteUploads(client, namespace);
  }

  @Override
  public List<DiffEntry> diff(ObjectId a, ObjectId b) {
    String ns = catalog.namespace(a);
    String other = catalog.namespace(b);
    if (!ns.equals(other)) {
      throw new InvalidArgumentException(
          "Cannot diff "
              + a.toShortString()
              + " (namespace "
              + ns
              + ") with "
              + b.toShortString()
              + " (namespace "
              + other
              + ") over a server: both must be in one namespace");
    }
    JsonNode answer =
        client.get("/api/v1/namespaces/" + ApiClient.encode(ns) + "/diff?from=" + a + "&to=" + b);
    List<DiffEntry> out = new ArrayList<>();
    answer.path("changes").forEach(c -> out.add(ApiClient.convert(c, DiffEntry.class)));
    return out;
  }

  @Override
  public CheckReport check(CheckOptions options) {
    throw new InvalidArgumentException(
        "Cannot check " + location() + " from a client: run 'cairn check' where it is served");
  }

  @Override
  public CheckReport rebuildIndex() {
    throw new InvalidArgumentException(
        "Cannot rebuild the index of "
            + location()
            + " from a client: run 'cairn check --rebuild-index' where it is served");
  }

  private String snapshotPath(ObjectId snapshot) {
    return "/api/v1/namespaces/"
        + ApiClient.encode(catalog.namespace(snapshot))
        + "/snapshots/"
        + snapshot;
  }

  private static String encodePath(String path) {
    List<String> segments = new ArrayList<>();
    for (String s : trimSlashes(path).split("/")) {
      if (!s.isEmpty()) {
        segments.add(ApiClient.encode(s));
      }
    }
    return String.join("/", segments);
  }

  private static String trimSlashes(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  @Override
  public void close() {
    builder.close();
    cache.ifPresent(ClientStatCache::close);
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.BlobSource;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.DiffEntry;
import dev.cairn.store.Entry;
import dev.cairn.store.GcStorage;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.StoredBlobSource;
import dev.cairn.store.SupportsBackendAccess;
import dev.cairn.store.SupportsGc;
import dev.cairn.store.SupportsTransfer;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.chunk.FastCdc;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.local.LocalBackend;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.proto.EntryKind;
import dev.cairn.store.proto.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * The embedded repository: an object backend plus a RocksDB index. A directory repository keeps
 * both in its directory; a bucket repository keeps its index in the user's cache (see {@link
 * BucketRepositories}).
 */
public final class DefaultRepository
    implements Repository,
        SupportsUploads,
        SupportsTransfer,
        SupportsBackendAccess,
        SupportsGc,
        BlobSource {
  static final String INDEX_DIR = "index";
  private static final int MIN_PREFIX = 8;

  private final RepositoryStorage storage;
  private final ObjectBackend backend;
  private final RepositoryConfig config;
  private final RocksIndex index;
  private final Condemnations condemned;
  private final WriterSessions sessions = new WriterSessions();
  private final BlobStore blobs;
  private final Trees trees;
  private final ReceivedFileNodes receivedFiles = new ReceivedFileNodes();
  private final DefaultRefStore refs;
  private final ExecutorService pool;
  private final ExecutorService chunkPool;
  private final ExecutorService walkPool;
  private final RepositoryOptions options;

  DefaultRepository(
      RepositoryStorage storage,
      RepositoryConfig config,
      RepositoryOptions options,
      boolean readOnly) {
    this.storage = storage;
    this.backend = storage.backend();
    this.config = config;
    this.options = options;
    this.index =
        readOnly
            ? RocksIndex.openReadOnly(storage.indexDir())
            : RocksIndex.open(storage.indexDir(), options.lockTimeout());
    if (!readOnly) {
      // Holding the index lock means no other process writes here: leftover temp files are garbage.
      storage.clearTempDir();
    }
    this.condemned = new Condemnations(index, sessions);
    this.blobs =
        new BlobStore(
            storage.blobBackend(),
            index,
            condemned,
            new BlobCodec(config.compressionLevel()),
            storage.tempDir(),
            config.packTargetBytes());
    this.trees = new Trees(blobs::get);
    this.refs = new DefaultRefStore(index, backend, options.clock());
    this.pool = DaemonPools.fixed("cairn-worker-", options.threads());
    // Separate from the file pool: file tasks wait for chunk tasks, which must never queue behind
    // them.
    this.chunkPool = DaemonPools.fixed("cairn-chunk-", options.threads());
    // Directory walkers block while too many files are in flight, so they get their own threads.
    this.walkPool = DaemonPools.fixed("cairn-walk-", options.threads());
  }

  public static DefaultRepository init(Path dir, RepositoryOptions options) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (Files.exists(abs.resolve(ConfigCodec.OBJECT))) {
        throw new AlreadyExistsException(
            "Cannot init repository " + abs + ": a repository exists there already");
      }
      if (Files.isDirectory(abs)) {
        try (Stream<Path> s = Files.list(abs)) {
          if (s.findAny().isPresent()) {
            throw new AlreadyExistsException(
                "Cannot init repository " + abs + ": the directory is not empty");
          }
        }
      } else if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidArgumentException(
            "Cannot init repository " + abs + ": it is not a directory");
      }
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot init repository " + abs, e);
    }
    RepositoryConfig config = newConfig(options);
    LocalBackend backend = new LocalBackend(abs);
    if (!backend.put(ConfigCodec.OBJECT, ConfigCodec.toProto(config).toByteArray())) {
      backend.close();
      throw new AlreadyExistsException(
          "Cannot init repository " + abs + ": a repository exists there already");
    }
    return new DefaultRepository(RepositoryStorage.local(abs, backend), config, options, false);
  }

  /** The settings of a new repository, with a fresh random id. */
  static RepositoryConfig newConfig(RepositoryOptions options) {
    byte[] rid = new byte[16];
    new SecureRandom().nextBytes(rid);
    return new RepositoryConfig(
        ConfigCodec.FORMAT_VERSION,
        HexFormat.of().formatHex(rid),
        options.chunker(),
        options.packTargetBytes(),
        options.compressionLevel(),
        options.clock().instant());
  }

  public static DefaultRepository open(Path dir, RepositoryOptions options) {
    return open(dir, options, false);
  }

  public static DefaultRepository openReadOnly(Path dir, RepositoryOptions options) {
    return open(dir, options, true);
  }

  private static DefaultRepository open(Path dir, RepositoryOptions options, boolean readOnly) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs.resolve(ConfigCodec.OBJECT))) {
      throw new NotFoundException(
          "No cairn repository at " + abs + " (run 'cairn init' to create one)");
    }
    LocalBackend backend = new LocalBackend(abs);
    try {
      RepositoryConfig config =
          ConfigCodec.parse(backend.readAll(ConfigCodec.OBJECT), abs.toString());
      return new DefaultRepository(
          RepositoryStorage.local(abs, backend), config, options, readOnly);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  @Override
  public String location() {
    return storage.location();
  }

  @Override
  public RepositoryConfig config() {
    return config;
  }

  /** Scratch space on the backend's file system, cleared whenever the repository is opened. */
  Path tempDir() {
    return storage.tempDir();
  }

  @Override
  public ObjectBackend backend() {
    return backend;
  }

  BlobStore blobs() {
    return blobs;
  }

  RocksIndex index() {
    return index;
  }

  Trees trees() {
    return trees;
  }

  /** File nodes uploaded lately, for the commits that follow their uploads. */
  ReceivedFileNodes receivedFiles() {
    return receivedFiles;
  }

  RepositoryStorage storage() {
    return storage;
  }

  RepositoryOptions options() {
    return options;
  }

  Condemnations condemned() {
    return condemned;
  }

  WriterSessions sessions() {
    return sessions;
  }

  @Override
  public GcStorage gcStorage() {
    return new DefaultGcStorage(this);
  }

  ExecutorService pool() {
    return pool;
  }

  ExecutorService chunkPool() {
    return chunkPool;
  }

  ExecutorService walkPool() {
    return walkPool;
  }

  /** The repository's own files, never included in a snapshot of a tree that contains them. */
  Path excludedPath() {
    return storage.excluded();
  }

  @Override
  public DefaultRefStore refs() {
    return refs;
  }

  @Override
  public SnapshotResult snapshot(SnapshotRequest request) {
    requireWritable("snapshot " + request.source());
    storage.writeGuard().check("snapshot " + request.source());
    try (WriterSessions.Session s = sessions.open()) {
      return new SnapshotWriter(
              this, new FastCdc(config.chunker()), options.threads(), options.clock())
          .write(request);
    }
  }

  @Override
  public ObjectId resolve(String spec) {
    String s = spec.trim();
    if (s.contains("/")) {
      return refs.load(RefName.parse(s)).target();
    }
    String hex = s.toLowerCase();
    if (hex.length() < MIN_PREFIX || hex.length() > 64 || !ObjectId.isHex(hex)) {
      throw new InvalidArgumentException(
          "Invalid snapshot '"
              + spec
              + "': expected a snapshot id (at least "
              + MIN_PREFIX
              + " hex digits) or a ref NAMESPACE/NAME");
    }
    byte[] prefix = HexFormat.of().parseHex(hex.substring(0, hex.length() & ~1));
    List<ObjectId> matches = new ArrayList<>();
    index.scan(
        Table.SNAPSHOTS,
        prefix,
        (k, v) -> {
          ObjectId id = ObjectId.of(k);
          if (id.startsWith(hex) && matches.size() < 10) {
            matches.add(id);
          }
        });
    if (matches.isEmpty()) {
      throw new NotFoundException("Snapshot " + spec + " does not exist in " + location());
    }
    if (matches.size() > 1) {
      throw new InvalidArgumentException(
          "Snapshot prefix "
              + spec
              + " is ambiguous: it matches "
              + matches.stream().map(ObjectId::toShortString).toList()
              + "; give more digits");
    }
    return matches.get(0);
  }

  @Override
  public Snapshot loadSnapshot(ObjectId id) {
    Optional<byte[]> indexed = index.get(Table.SNAPSHOTS, id.toBytes());
    if (indexed.isPresent()) {
      return SnapshotCodec.parseIndexed(id, indexed.get());
    }
    if (backend.stat(SnapshotCodec.objectName(id)).isEmpty()) {
      throw new NotFoundException("Snapshot " + id + " does not exist in " + location());
    }
    return SnapshotCodec.parse(id, backend.readAll(SnapshotCodec.objectName(id)));
  }

  @Override
  public List<Snapshot> listSnapshots(Optional<String> namespace) {
    List<Snapshot> out = new ArrayList<>();
    index.scan(
        Table.SNAPSHOTS,
        new byte[0],
        (k, v) -> {
          Snapshot s = SnapshotCodec.parseIndexed(ObjectId.of(k), v);
          if (namespace.isEmpty() || namespace.get().equals(s.namespace())) {
            out.add(s);
          }
        });
    out.sort(Comparator.comparing(Snapshot::createdAt).thenComparing(Snapshot::id));
    return out;
  }

  @Override
  public List<Snapshot> history(RefName ref) {
    List<Snapshot> out = new ArrayList<>();
    Optional<ObjectId> next = Optional.of(refs.load(ref).target());
    while (next.isPresent()) {
      Snapshot s;
      try {
        s = loadSnapshot(next.get());
      } catch (NotFoundException e) {
        if (out.isEmpty()) {
          throw e;
        }
        break; // an ancestor was deleted: the history ends there
      }
      out.add(s);
      next = s.parents().stream().findFirst();
    }
    return out;
  }

  @Override
  public List<Entry> list(ObjectId snapshot, String path) {
    List<String> segments = EntryNames.split(path);
    TreeEntry at =
        trees.walk(loadSnapshot(snapshot).rootTree(), segments, snapshot.toShortString());
    String base = String.join("/", segments);
    if (at.getKind() != EntryKind.ENTRY_KIND_DIR) {
      return List.of(Trees.toEntry(base, at));
    }
    return trees.loadTree(ObjectId.of(at.getTarget())).getEntriesList().stream()
        .map(e -> Trees.toEntry(EntryNames.join(base, e.getName()), e))
        .toList();
  }

  @Override
  public Entry stat(ObjectId snapshot, String path) {
    List<String> segments = EntryNames.split(path);
    Snapshot s = loadSnapshot(snapshot);
    TreeEntry at = trees.walk(s.rootTree(), segments, snapshot.toShortString());
    if (segments.isEmpty()) {
      at = at.toBuilder().setSize(s.totalBytes()).setFileCount(s.totalFiles()).build();
    }
    return Trees.toEntry(String.join("/", segments), at);
  }

  @Override
  public long cat(ObjectId snapshot, String path, long offset, long length, OutputStream out) {
    TreeEntry at =
        trees.walk(
            loadSnapshot(snapshot).rootTree(), EntryNames.split(path), snapshot.toShortString());
    if (at.getKind() != EntryKind.ENTRY_KIND_FILE) {
      throw new InvalidArgumentException(
          "Cannot cat " + path + " in snapshot " + snapshot.toShortString() + ": it is not a file");
    }
    if (offset < 0 || length < 0) {
      throw new InvalidArgumentException(
          "Cannot read " + path + ": invalid range offset " + offset + ", length " + length);
    }
    return restorer(snapshot).copyRange(ObjectId.of(at.getTarget()), path, offset, length, out);
  }

  @Override
  public boolean deleteSnapshot(ObjectId id) {
    requireWritable("delete snapshot " + id.toShortString());
    boolean indexed = index.contains(Table.SNAPSHOTS, id.toBytes());
    // The object goes first: a crash in between leaves an index entry that a second delete
    // removes, never an object that an index rebuild would bring back.
    boolean stored = backend.delete(SnapshotCodec.objectName(id));
    if (indexed) {
      try (Batch batch = index.newBatch()) {
        batch.delete(Table.SNAPSHOTS, id.toBytes()).commitDurably();
      }
    }
    return indexed || stored;
  }

  @Override
  public RestoreResult restore(ObjectId snapshot, String path, Path target, Progress progress) {
    return restorer(snapshot).restore(EntryNames.split(path), target, progress);
  }

  private Restorer restorer(ObjectId snapshot) {
    Restorer.ChunkReader chunks =
        new Restorer.ChunkReader() {
          @Override
          public java.nio.ByteBuffer direct(ObjectId id) {
            return blobs.getDirect(id);
          }

          @Override
          public byte[] bytes(ObjectId id) {
            return blobs.get(id);
          }
        };
    return new Restorer(
        new Restorer.Sources(trees, chunks, pool, chunkPool),
        snapshot,
        loadSnapshot(snapshot).rootTree());
  }

  @Override
  public List<DiffEntry> diff(ObjectId a, ObjectId b) {
    return new Differ(trees).diff(loadSnapshot(a).rootTree(), loadSnapshot(b).rootTree());
  }

  /**
   * {@inheritDoc} A blob reported present that garbage collection had condemned is revived, since
   * the client will reference it instead of uploading it.
   */
  @Override
  public Set<ObjectId> missing(Collection<ObjectId> ids) {
    List<ObjectId> asked = List.copyOf(ids);
    List<Boolean> kept = condemned.keepAll(asked);
    Set<ObjectId> out = new HashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      if (!kept.get(i)) {
        out.add(asked.get(i));
      }
    }
    return out;
  }

  @Override
  public ReceivedPack receivePack(InputStream pack, long maxBytes) {
    requireWritable("receive a pack");
    return new PackReceiver(this).receive(pack, maxBytes);
  }

  @Override
  public SnapshotResult commit(SnapshotCommit commit) {
    requireWritable("commit a snapshot to " + commit.ref());
    try (WriterSessions.Session s = sessions.open()) {
      return new UploadCommitter(this, options.clock()).commit(commit);
    }
  }

  @Override
  public SnapshotResult importSnapshot(SnapshotImport request) {
    String what = "import snapshot " + request.snapshot().id().toShortString();
    requireWritable(what);
    storage.writeGuard().check(what);
    try (WriterSessions.Session s = sessions.open()) {
      return new SnapshotImporter(this).importSnapshot(request);
    }
  }

  /** This repository's blobs: every namespace shares them. */
  @Override
  public BlobSource blobs(String namespace) {
    return this;
  }

  /** Blobs as their packs hold them, for transfers that copy them without recompressing. */
  @Override
  public Optional<StoredBlobSource> storedBlobs(String namespace) {
    return Optional.of(blobs::getStored);
  }

  /** This repository: every namespace takes uploads the same way. */
  @Override
  public SupportsUploads uploads(String namespace) {
    return this;
  }

  /** A blob's bytes, verified against its id here as well. */
  @Override
  public byte[] read(ObjectId id) {
    return blobs.get(id);
  }

  @Override
  public CheckReport check(CheckOptions options) {
    return new Checker(this).check(options);
  }

  @Override
  public CheckReport rebuildIndex() {
    requireWritable("rebuild the index of " + location());
    return new IndexRebuilder(this).rebuild();
  }

  @Override
  public void requireWritable(String what) {
    if (index.readOnly()) {
      throw new InvalidArgumentException(
          "Cannot " + what + ": the repository was opened read-only");
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    chunkPool.shutdownNow();
    walkPool.shutdownNow();
    blobs.close();
    index.close();
    backend.close();
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.GcStorage;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.local.LocalBackend;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.BlobLocation;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.PackFooter;
import dev.cairn.store.proto.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link GcStorage} over the embedded repository's index and backend. */
final class DefaultGcStorage implements GcStorage {
  private static final Logger log = LoggerFactory.getLogger(DefaultGcStorage.class);

  /** Where a bucket repository writes the probe objects whose time is the storage's "now". */
  static final String CLOCK_PREFIX = "gc/clock-";

  private final DefaultRepository repo;

  DefaultGcStorage(DefaultRepository repo) {
    this.repo = repo;
  }

  @Override
  public Instant storageTime() {
    ObjectBackend backend = repo.backend();
    if (repo.storage().backend() instanceof LocalBackend) {
      return repo.options().clock().instant();
    }
    byte[] nonce = new byte[8];
    ThreadLocalRandom.current().nextBytes(nonce);
    String probe = CLOCK_PREFIX + HexFormat.of().formatHex(nonce);
    backend.put(probe, new byte[0]);
    try {
      return backend
          .stat(probe)
          .orElseThrow(
              () ->
                  new UnavailableException(
                      "Cannot read the storage time of "
                          + repo.location()
                          + ": probe object "
                          + probe
                          + " vanished after it was written"))
          .lastModified();
    } finally {
      backend.delete(probe);
    }
  }

  @Override
  public Instant observedStorageTime() {
    if (repo.storage().backend() instanceof LocalBackend) {
      return repo.options().clock().instant();
    }
    return repo.backend()
        .serverTime(ConfigCodec.OBJECT)
        .orElseGet(
            () -> {
              log.warn(
                  "{} sent no time with its answers; this dry run measures ages by this machine's"
                      + " clock",
                  repo.location());
              return repo.options().clock().instant();
            });
  }

  @Override
  public Tree loadTree(ObjectId id) {
    return repo.trees().loadTree(id);
  }

  @Override
  public FileNode loadFile(ObjectId id) {
    return repo.trees().loadFile(id);
  }

  @Override
  public void scanBlobs(BlobVisitor visitor) {
    repo.index()
        .scan(
            Table.BLOBS,
            new byte[0],
            BlobLocation.parser(),
            (k, loc) ->
                visitor.visit(ObjectId.of(k), ObjectId.of(loc.getPack()), loc.getStoredLength()));
  }

  @Override
  public void scanCondemned(CondemnedVisitor visitor) {
    repo.condemned().scan(visitor);
  }

  @Override
  public List<ObjectInfo> listPacks() {
    try (Stream<ObjectInfo> s = repo.backend().list(PackFormat.PREFIX)) {
      return s.filter(i -> PackFormat.parseObjectName(i.name()) != null).toList();
    }
  }

  @Override
  public boolean packIndexed(ObjectId pack) {
    return repo.index().contains(Table.PACKS, pack.toBytes());
  }

  @Override
  public Path scratchDir() {
    if (!repo.index().readOnly()) {
      return repo.tempDir();
    }
    try {
      // A read-only repository must not be written, not even its scratch space.
      return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a scratch directory", e);
    }
  }

  @Override
  public SessionWatch watchSessions() {
    return repo.sessions().watch();
  }

  @Override
  public boolean deleteSnapshotUnlessReferenced(ObjectId snapshot) {
    return repo.refs().unlessReferenced(snapshot, () -> repo.deleteSnapshot(snapshot));
  }

  @Override
  public void condemn(List<ObjectId> ids, Instant at) {
    repo.condemned().condemn(ids, at);
  }

  @Override
  public void pardon(List<ObjectId> ids) {
    repo.condemned().pardon(ids);
  }

  @Override
  public List<ObjectId> drop(List<ObjectId> ids) {
    return repo.condemned().drop(ids);
  }

  @Override
  public PackUsage packUsage(ObjectId pack) {
    return usage(pack, footer(pack));
  }

  private PackUsage usage(ObjectId pack, Footer f) {
    List<PackEntry> live = liveEntries(pack, f.footer());
    return new PackUsage(
        pack,
        f.size(),
        f.footer().getEntriesCount(),
        storedBytes(f.footer().getEntriesList()),
        live.size(),
        storedBytes(live),
        PackCache.isMetadataOnly(f.footer()));
  }

  private static long storedBytes(List<PackEntry> entries) {
    return entries.stream().mapToLong(PackEntry::getStoredLength).sum();
  }

  /** The entries of a pack that the index still places in it. */
  List<PackEntry> liveEntries(ObjectId pack, PackFooter footer) {
    List<byte[]> keys = footer.getEntriesList().stream().map(e -> e.getId().toByteArray()).toList();
    List<byte[]> found = repo.index().multiGet(Table.BLOBS, keys);
    List<PackEntry> live = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      PackEntry e = footer.getEntries(i);
      if (found.get(i) != null && e.equals(entryAt(pack, e, found.get(i)))) {
        live.add(e);
      }
    }
    return live;
  }

  /** The entry as the index places it, or null if the index places the blob elsewhere. */
  private static PackEntry entryAt(ObjectId pack, PackEntry e, byte[] location) {
    try {
      BlobLocation loc = BlobLocation.parseFrom(location);
      return loc.getPack().equals(pack.toByteString()) && loc.getOffset() == e.getOffset()
          ? e
          : null;
    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
      return null;
    }
  }

  record Footer(long size, PackFooter footer) {}

  Footer footer(ObjectId pack) {
    String name = PackFormat.objectName(pack);
    ObjectInfo info =
        repo.backend()
            .stat(name)
            .orElseThrow(
                () ->
                    new dev.cairn.store.NotFoundException(
                        "Pack " + pack + " does not exist in " + repo.location()));
    return new Footer(info.size(), IndexRebuilder.readFooter(repo.backend(), info));
  }

  @Override
  public boolean deletePack(ObjectId pack) {
    String name = PackFormat.objectName(pack);
    if (repo.backend().stat(name).isEmpty()) {
      unindex(pack);
      return false;
    }
    Footer f = footer(pack);
    return repo.condemned()
        .locked(
            () -> {
              if (repo.condemned().inFlight(pack) || !liveEntries(pack, f.footer()).isEmpty()) {
                return false;
              }
              unindex(pack);
              dev.cairn.store.CrashPoints.visit("gc-pack-unindexed");
              repo.backend().delete(name);
              return true;
            });
  }

  private void unindex(ObjectId pack) {
    try (Batch batch = repo.index().newBatch()) {
      batch.delete(Table.PACKS, pack.toBytes()).commitDurably();
    }
  }

  @Override
  public RepackResult repack(List<ObjectId> sources) {
    return new Repacker(repo, this).repack(sources);
  }
}

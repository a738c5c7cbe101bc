package dev.cairn.csi.volume;

import dev.cairn.csi.state.CacheState;
import dev.cairn.csi.state.PublicationState;
import dev.cairn.csi.state.SnapshotState;
import dev.cairn.csi.state.VolumeState;
import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.Ref;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-local volumes backed by the store. A plain volume is a directory. A volume made from a
 * snapshot is an overlay: the snapshot materialized once into a shared read-only cache is the lower
 * layer, the volume's own directory the upper layer, so creating it costs the same whatever the
 * snapshot's size once cached. A snapshot of a volume is an ordinary store snapshot (kind volume);
 * of an overlay volume only the upper layer is read. Every operation is idempotent and serialized
 * per object. Thread safe.
 *
 * <p>State directory: {@code db/} (RocksDB: volumes, snapshots, publications, cache entries),
 * {@code volumes/<dir>/} (data, or upper/work/merged), {@code cache/<store snapshot id>/}.
 */
public final class VolumeManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VolumeManager.class);
  static final String REF_NAMESPACE = "csi";
  private static final String VOLUME_PIN_PREFIX = "volume-";
  private static final String LEGACY_CLONE_PREFIX = "clone-";

  private final Repository repo;
  private final Mounter mounter;
  private final Path state;
  private final Clock clock;
  private final Locks locks = new Locks();
  private final DriverState db;
  private final long cacheLimitBytes;

  public VolumeManager(Repository repo, Mounter mounter, Path stateDir, Clock clock) {
    this(repo, mounter, stateDir, clock, Long.MAX_VALUE);
  }

  /**
   * @param cacheLimitBytes materialized snapshots not used by any volume are evicted, least
   *     recently used first, while the cache holds more than this
   */
  public VolumeManager(
      Repository repo, Mounter mounter, Path stateDir, Clock clock, long cacheLimitBytes) {
    this.repo = repo;
    this.mounter = mounter;
    this.state = stateDir.toAbsolutePath().normalize();
    this.clock = clock;
    this.cacheLimitBytes = cacheLimitBytes;
    try {
      Files.createDirectories(state.resolve("volumes"));
      Files.createDirectories(state.resolve("cache"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create driver state in " + state, e);
    }
    this.db = new DriverState(state.resolve("db"));
    removeLeftovers();
  }

  /**
   * Cleans up after a crash: volume directories and pin refs with no record (a create or delete
   * that died half way), half-restored caches, and cached snapshots no record or volume knows of.
   */
  private void removeLeftovers() {
    java.util.Set<String> known = new java.util.HashSet<>();
    java.util.Set<String> lowers = new java.util.HashSet<>();
    for (VolumeState v : listVolumes()) {
      known.add(volumeDir(v.getVolumeId()).getFileName().toString());
      lowers.add(v.getLowerSnapshot());
    }
    db.caches().forEach(c -> lowers.add(c.getStoreSnapshot()));
    for (Path dir : children(state.resolve("volumes"))) {
      if (!known.contains(dir.getFileName().toString())) {
        mounter.mountPointsUnder(dir).forEach(mounter::unmount);
        if (mounter.mountPointsUnder(dir).isEmpty()) {
          deleteTree(dir);
        }
      }
    }
    java.util.Map<RefName, ObjectId> pins = new java.util.HashMap<>();
    for (VolumeState v : listVolumes()) {
      if (!v.getLowerSnapshot().isEmpty()) {
        pins.put(pinRef(v.getVolumeId()), ObjectId.parse(v.getLowerSnapshot()));
      }
    }
    List<Ref> held = repo.refs().list(Optional.of(REF_NAMESPACE));
    java.util.Set<RefName> pinned = new java.util.HashSet<>();
    held.forEach(r -> pinned.add(r.name()));
    // Volumes recorded before pins existed get theirs first, so no layer is ever left unpinned.
    pins.forEach(
        (ref, lower) -> {
          if (!pinned.contains(ref)) {
            try {
              repo.refs().update(ref, RefExpectation.any(), lower, "csi recovery");
            } catch (NotFoundException gone) {
              // Deleted with --force while unpinned: the volume still works from its cached
              // layer, but a restart on another node cannot restore it.
              log.warn("Volume layer {} is gone from the repository; not pinning it", lower);
            }
          }
        });
    for (Ref r : held) {
      String name = r.name().name();
      // A create that died before its record, or a delete after it: the pin holds nothing.
      // Refs named clone-… pinned clones' layers before every volume had a pin of its own.
      boolean stalePin = name.startsWith(VOLUME_PIN_PREFIX) && !pins.containsKey(r.name());
      if (stalePin || name.startsWith(LEGACY_CLONE_PREFIX)) {
        repo.refs().delete(r.name(), RefExpectation.value(r.target()), "csi recovery");
      }
    }
    for (Path dir : children(state.resolve("cache"))) {
      String name = dir.getFileName().toString();
      if (name.startsWith(".tmp-") || !lowers.contains(name)) {
        deleteTree(dir);
      }
    }
  }

  private static List<Path> children(Path dir) {
    try (var s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  @Override
  public void close() {
    db.close();
  }

  /** The volume id for a CO-chosen name: the same name always maps to the same volume. */
  public static String volumeIdFor(String name) {
    return "cv-" + hash(name).substring(0, 40);
  }

  /** The snapshot id for a CO-chosen name. */
  public static String snapshotIdFor(String name) {
    return "cs-" + hash(name).substring(0, 40);
  }

  private static String hash(String s) {
    return ObjectId.hash(s.getBytes(StandardCharsets.UTF_8)).toString();
  }

  // ---- volumes

  /**
   * Creates a volume, or returns the existing one of that name when the request is compatible;
   * throws {@link AlreadyExistsException} when it is not.
   */
  public VolumeState createVolume(
      String name, long capacityBytes, VolumeSource source, Map<String, String> parameters) {
    String id = volumeIdFor(name);
    return locks.with(
        id,
        () -> {
          Optional<VolumeState> existing = findVolume(id);
          if (existing.isPresent()) {
            VolumeState v = existing.get();
            if (!sameSource(v, source)
                || v.getCapacityBytes() < capacityBytes
                || !v.getParametersMap().equals(parameters)) {
              throw new AlreadyExistsException(
                  "Volume " + name + " exists with a different source, capacity or parameters");
            }
            return v;
          }
          VolumeState.Builder v =
              VolumeState.newBuilder()
                  .setVolumeId(id)
                  .setName(name)
                  .setCapacityBytes(capacityBytes)
                  .setCreatedUnixNanos(nanos(clock.instant()))
                  .putAllParameters(parameters);
          switch (source.kind()) {
            case EMPTY -> {}
            case SNAPSHOT ->
                v.setSourceSnapshotId(source.id())
                    .setLowerSnapshot(loadSnapshot(source.id()).getStoreSnapshot());
            case VOLUME ->
                v.setSourceVolumeId(source.id())
                    .setLowerSnapshot(freeze(source.id(), id, "clone into " + name).toString());
            case STORE_SNAPSHOT -> v.setLowerSnapshot(repo.resolve(source.id()).toString());
          }
          return create(v.build());
        });
  }

  /**
   * An inline ephemeral volume: a read-only view of a store snapshot, named by the pod's volume
   * handle.
   */
  public VolumeState createEphemeral(String volumeId, String storeSnapshotSpec) {
    return locks.with(
        volumeId,
        () ->
            findVolume(volumeId)
                .orElseGet(
                    () ->
                        create(
                            VolumeState.newBuilder()
                                .setVolumeId(volumeId)
                                .setName(volumeId)
                                .setEphemeral(true)
                                .setCreatedUnixNanos(nanos(clock.instant()))
                                .setLowerSnapshot(repo.resolve(storeSnapshotSpec).toString())
                                .build())));
  }

  private VolumeState create(VolumeState v) {
    Path dir = volumeDir(v.getVolumeId());
    try {
      if (v.getLowerSnapshot().isEmpty()) {
        Files.createDirectories(dir.resolve("data"));
      } else {
        materialize(ObjectId.parse(v.getLowerSnapshot()));
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("merged"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create volume " + v.getVolumeId(), e);
    }
    if (!v.getLowerSnapshot().isEmpty()) {
      // Before the record: a volume that exists always has its lower layer pinned against GC.
      repo.refs()
          .update(
              pinRef(v.getVolumeId()),
              RefExpectation.any(),
              ObjectId.parse(v.getLowerSnapshot()),
              "csi volume " + v.getVolumeId());
    }
    // The state file is written last: a volume exists once it is complete.
    db.put(DriverState.Table.VOLUMES, v.getVolumeId(), v);
    return v;
  }

  /**
   * The ref that pins a volume's lower snapshot in the repository, so garbage collection on any
   * machine keeps it while the volume exists (the materialized cache is node-local and may be
   * evicted and restored again).
   */
  static RefName pinRef(String volumeId) {
    return new RefName(REF_NAMESPACE, VOLUME_PIN_PREFIX + hash(volumeId).substring(0, 32));
  }

  private void unpin(String volumeId) {
    RefName ref = pinRef(volumeId);
    if (repo.refs().find(ref).isPresent()) {
      repo.refs().delete(ref, RefExpectation.any(), "csi DeleteVolume " + volumeId);
    }
  }

  private static boolean sameSource(VolumeState v, VolumeSource s) {
    return switch (s.kind()) {
      case EMPTY -> v.getLowerSnapshot().isEmpty();
      case SNAPSHOT -> v.getSourceSnapshotId().equals(s.id());
      case VOLUME -> v.getSourceVolumeId().equals(s.id());
      case STORE_SNAPSHOT ->
          !v.getLowerSnapshot().isEmpty()
              && v.getSourceSnapshotId().isEmpty()
              && v.getSourceVolumeId().isEmpty();
    };
  }

  /** Records a larger capacity (a directory volume has no device to grow); never shrinks. */
  public VolumeState expand(String volumeId, long requiredBytes) {
    return locks.with(
        volumeId,
        () -> {
          VolumeState v = loadVolume(volumeId);
          if (requiredBytes <= v.getCapacityBytes()) {
            return v;
          }
          VolumeState grown = v.toBuilder().setCapacityBytes(requiredBytes).build();
          db.put(DriverState.Table.VOLUMES, volumeId, grown);
          return grown;
        });
  }

  /** Whether the volume is published at any target path on this node. */
  public boolean isPublished(String volumeId) {
    return !db.publications(volumeId).isEmpty();
  }

  public Optional<VolumeState> findVolume(String volumeId) {
    return db.volume(volumeId);
  }

  public VolumeState loadVolume(String volumeId) {
    return findVolume(volumeId)
        .orElseThrow(() -> new NotFoundException("Volume " + volumeId + " does not exist"));
  }

  /** Every volume, sorted by id (stable order for paging). */
  public List<VolumeState> listVolumes() {
    return db.list(DriverState.Table.VOLUMES, "", VolumeState.parser());
  }

  /** Deletes a volume and its data; a volume that does not exist is already deleted. */
  public void deleteVolume(String volumeId) {
    locks.with(
        volumeId,
        () -> {
          Path dir = volumeDir(volumeId);
          if (!Files.exists(dir) && findVolume(volumeId).isEmpty()) {
            return null;
          }
          Path merged = dir.resolve("merged");
          mounter.unmount(merged);
          if (mounter.isMountPoint(merged)) {
            throw new UnavailableException(
                "Cannot delete volume " + volumeId + ": " + merged + " is still mounted");
          }
          // The record goes first, so a crash half way leaves no volume that looks complete.
          db.delete(DriverState.Table.VOLUMES, volumeId);
          for (PublicationState p : db.publications(volumeId)) {
            db.delete(
                DriverState.Table.PUBLICATIONS,
                DriverState.publicationKey(volumeId, p.getTargetPath()));
          }
          deleteTree(dir);
          unpin(volumeId);
          return null;
        });
  }

  // ---- snapshots

  /**
   * Snapshots a volume into the store, or returns the existing snapshot of that name when it has
   * the same source; a different source is {@link AlreadyExistsException}.
   */
  public SnapshotState createSnapshot(String name, String sourceVolumeId) {
    String id = snapshotIdFor(name);
    return locks.with(
        id,
        () -> {
          Optional<SnapshotState> existing = findSnapshot(id);
          if (existing.isPresent()) {
            if (!existing.get().getSourceVolumeId().equals(sourceVolumeId)) {
              throw new AlreadyExistsException(
                  "Snapshot "
                      + name
                      + " exists with source volume "
                      + existing.get().getSourceVolumeId());
            }
            return existing.get();
          }
          SnapshotResult r =
              locks.with(
                  sourceVolumeId,
                  () ->
                      snapshotVolume(
                          loadVolume(sourceVolumeId),
                          new RefName(REF_NAMESPACE, id),
                          Map.of("csi.snapshot.name", name, "csi.volume.id", sourceVolumeId)));
          SnapshotState s =
              SnapshotState.newBuilder()
                  .setSnapshotId(id)
                  .setName(name)
                  .setSourceVolumeId(sourceVolumeId)
                  .setStoreSnapshot(r.snapshot().id().toString())
                  .setCreatedUnixNanos(nanos(r.snapshot().createdAt()))
                  .setSizeBytes(r.snapshot().totalBytes())
                  .build();
          db.put(DriverState.Table.SNAPSHOTS, id, s);
          return s;
        });
  }

  public Optional<SnapshotState> findSnapshot(String snapshotId) {
    if (!snapshotId.matches("[A-Za-z0-9._-]{1,128}")) {
      return Optional.empty();
    }
    return db.snapshot(snapshotId);
  }

  public SnapshotState loadSnapshot(String snapshotId) {
    return findSnapshot(snapshotId)
        .orElseThrow(() -> new NotFoundException("Snapshot " + snapshotId + " does not exist"));
  }

  /** Every snapshot, sorted by id (stable order for paging). */
  public List<SnapshotState> listSnapshots() {
    return db.list(DriverState.Table.SNAPSHOTS, "", SnapshotState.parser());
  }

  /** Deletes a CSI snapshot: its record and the ref that pins its content. Unknown ids are fine. */
  public void deleteSnapshot(String snapshotId) {
    locks.with(
        snapshotId,
        () -> {
          if (findSnapshot(snapshotId).isEmpty()) {
            return null;
          }
          RefName ref = new RefName(REF_NAMESPACE, snapshotId);
          if (repo.refs().find(ref).isPresent()) {
            repo.refs().delete(ref, RefExpectation.any(), "csi DeleteSnapshot");
          }
          db.delete(DriverState.Table.SNAPSHOTS, snapshotId);
          return null;
        });
  }

  // ---- publishing

  /** Makes the volume visible at {@code target}; publishing the same way again is a no-op. */
  public void publish(String volumeId, Path target, boolean readOnly, List<String> mountFlags) {
    locks.with(
        volumeId,
        () -> {
          VolumeState v = loadVolume(volumeId);
          if (mounter.isMountPoint(target)) {
            return null;
          }
          try {
            Files.createDirectories(target);
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot create target path " + target, e);
          }
          mounter.bind(mountSource(v), target, readOnly || v.getEphemeral(), mountFlags);
          db.put(
              DriverState.Table.PUBLICATIONS,
              DriverState.publicationKey(volumeId, target.toString()),
              PublicationState.newBuilder()
                  .setVolumeId(volumeId)
                  .setTargetPath(target.toString())
                  .setReadonly(readOnly || v.getEphemeral())
                  .build());
          return null;
        });
  }

  /** Removes the volume from {@code target}; ephemeral volumes are deleted with it. */
  public void unpublish(String volumeId, Path target) {
    locks.with(
        volumeId,
        () -> {
          mounter.unmount(target);
          try {
            Files.deleteIfExists(target);
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove target path " + target, e);
          }
          db.delete(
              DriverState.Table.PUBLICATIONS,
              DriverState.publicationKey(volumeId, target.toString()));
          return null;
        });
    findVolume(volumeId).filter(VolumeState::getEphemeral).ifPresent(v -> deleteVolume(volumeId));
  }

  /** The directory to bind at a target: the plain data dir, or the overlay (mounted on demand). */
  private Path mountSource(VolumeState v) {
    Path dir = volumeDir(v.getVolumeId());
    if (v.getLowerSnapshot().isEmpty()) {
      return dir.resolve("data");
    }
    Path merged = dir.resolve("merged");
    if (!mounter.isMountPoint(merged)) {
      Path lower = materialize(ObjectId.parse(v.getLowerSnapshot()));
      mounter.mountOverlay(lower, dir.resolve("upper"), dir.resolve("work"), merged);
    }
    return merged;
  }

  /** Bytes and entries used by a volume, counted in its published view. */
  public VolumeUsage usage(String volumeId) {
    VolumeState v = loadVolume(volumeId);
    Path root =
        v.getLowerSnapshot().isEmpty()
            ? volumeDir(volumeId).resolve("data")
            : volumeDir(volumeId).resolve("merged");
    if (!v.getLowerSnapshot().isEmpty() && !mounter.isMountPoint(root)) {
      throw new NotFoundException("Volume " + volumeId + " is not published on this node");
    }
    long[] totals = new long[2];
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              totals[0] += attrs.size();
              totals[1]++;
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              totals[1]++;
              return FileVisitResult.CONTINUE;
            }
          });
      var store = Files.getFileStore(root);
      long capacity = v.getCapacityBytes() > 0 ? v.getCapacityBytes() : store.getTotalSpace();
      return new VolumeUsage(
          capacity,
          totals[0],
          Math.max(0, Math.min(capacity - totals[0], store.getUsableSpace())),
          totals[1]);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure volume " + volumeId, e);
    }
  }

  /** Free bytes where volumes live. */
  public long availableBytes() {
    try {
      return Files.getFileStore(state).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read free space of " + state, e);
    }
  }

  // ---- internals

  /** Snapshots a volume under a ref, reading only an overlay volume's upper layer. */
  private SnapshotResult snapshotVolume(VolumeState v, RefName ref, Map<String, String> labels) {
    Path dir = volumeDir(v.getVolumeId());
    SnapshotRequest request;
    if (v.getLowerSnapshot().isEmpty()) {
      request = SnapshotRequest.of(dir.resolve("data"), ref);
    } else {
      request =
          SnapshotRequest.of(dir.resolve("upper"), ref)
              .withOverlayLower(ObjectId.parse(v.getLowerSnapshot()));
    }
    return repo.snapshot(
        request
            .withKind(SnapshotKind.VOLUME)
            .withLabels(labels)
            .withoutParent()
            .withMessage("volume " + v.getName()));
  }

  /**
   * Snapshots a volume to clone it, straight under the clone's pin ref: the frozen layer is held
   * from the moment it exists, and deleting the clone releases it (a create that dies before its
   * record leaves a pin that recovery removes).
   */
  private ObjectId freeze(String sourceVolumeId, String cloneVolumeId, String why) {
    return locks.with(
        sourceVolumeId,
        () ->
            snapshotVolume(
                    loadVolume(sourceVolumeId),
                    pinRef(cloneVolumeId),
                    Map.of("csi.clone.of", sourceVolumeId, "csi.reason", why))
                .snapshot()
                .id());
  }

  /**
   * The snapshot's files in the shared read-only cache, restored once; marks it used, then evicts
   * least recently used entries that no volume uses while the cache is over its limit.
   */
  Path materialize(ObjectId snapshot) {
    Path dir = cacheDir(snapshot.toString());
    Path result =
        locks.with(
            "cache:" + snapshot,
            () -> {
              if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path tmp = state.resolve("cache").resolve(".tmp-" + snapshot);
                deleteTree(tmp);
                repo.restore(snapshot, "", tmp, Progress.NONE);
                try {
                  Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                  throw new UncheckedIOException("Cannot publish cache " + dir, e);
                }
              }
              db.put(
                  DriverState.Table.CACHES,
                  snapshot.toString(),
                  CacheState.newBuilder()
                      .setStoreSnapshot(snapshot.toString())
                      .setSizeBytes(repo.loadSnapshot(snapshot).totalBytes())
                      .setLastUsedUnixNanos(nanos(clock.instant()))
                      .build());
              return dir;
            });
    evictCaches(snapshot.toString());
    return result;
  }

  /**
   * Cache entries by last use, oldest first, dropped while over the limit unless a volume uses
   * them.
   */
  private void evictCaches(String justUsed) {
    List<CacheState> caches = new ArrayList<>(db.caches());
    long total = caches.stream().mapToLong(CacheState::getSizeBytes).sum();
    if (total <= cacheLimitBytes) {
      return;
    }
    java.util.Set<String> inUse = new java.util.HashSet<>();
    listVolumes().forEach(v -> inUse.add(v.getLowerSnapshot()));
    caches.sort(Comparator.comparingLong(CacheState::getLastUsedUnixNanos));
    for (CacheState c : caches) {
      if (total <= cacheLimitBytes) {
        break;
      }
      String id = c.getStoreSnapshot();
      if (id.equals(justUsed) || inUse.contains(id)) {
        continue;
      }
      locks.with(
          "cache:" + id,
          () -> {
            db.delete(DriverState.Table.CACHES, id);
            deleteTree(cacheDir(id));
            return null;
          });
      total -= c.getSizeBytes();
    }
  }

  private Path cacheDir(String storeSnapshot) {
    return state.resolve("cache").resolve(storeSnapshot);
  }

  private Path volumeDir(String volumeId) {
    if (volumeId.isEmpty() || volumeId.length() > 128) {
      throw new InvalidArgumentException("Invalid volume id '" + volumeId + "'");
    }
    // Volume ids come from the CO; hashing them keeps any id a safe directory name.
    return state.resolve("volumes").resolve(hash(volumeId).substring(0, 40));
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Deletes a file or directory tree without following symlinks. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              if (exc != null) {
                throw exc;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}

package dev.cairn.gc;

import dev.cairn.store.ConflictException;
import dev.cairn.store.CrashPoints;
import dev.cairn.store.GcStorage;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.pack.PackFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-phase garbage collection of one repository, safe while writers of the same process keep
 * writing. A run expires the snapshots retention lets go, marks everything the remaining snapshots
 * and the roots reach (on disk, not in heap), condemns unreferenced blobs of packs older than the
 * grace period, drops from the index the blobs condemned at least a grace period ago that nothing
 * revived, and then deletes emptied packs and repacks mostly dead ones. Every step is durable
 * before the next, so a crash anywhere leaves a repository that checks clean, and the next run
 * finishes the job. One run at a time per repository; a second one fails with {@link
 * ConflictException}.
 */
public final class GarbageCollector {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
  private static final Map<String, ReentrantLock> RUNNING = new ConcurrentHashMap<>();

  private final Repository repo;
  private final GcStorage storage;
  private final ExpiryPlanner planner;
  private final List<GcRoots> roots;
  private final Supplier<Instant> clock;
  private final Supplier<Instant> dryRunClock;

  /**
   * @param planner which snapshots retention expires ({@link ExpiryPlanner#KEEP_ALL} for none)
   * @param roots pins from outside the store (lineage, CSI volumes)
   * @throws InvalidArgumentException if the repository is not one this process opened itself
   */
  public GarbageCollector(Repository repo, ExpiryPlanner planner, List<GcRoots> roots) {
    this(
        repo,
        planner,
        roots,
        storageOf(repo)::storageTime,
        // A bucket's usual clock writes a probe object; a dry run must not write at all.
        storageOf(repo)::observedStorageTime);
  }

  /** With another source of the storage's time (tests age a bucket without waiting). */
  GarbageCollector(
      Repository repo, ExpiryPlanner planner, List<GcRoots> roots, Supplier<Instant> clock) {
    this(repo, planner, roots, clock, clock);
  }

  private GarbageCollector(
      Repository repo,
      ExpiryPlanner planner,
      List<GcRoots> roots,
      Supplier<Instant> clock,
      Supplier<Instant> dryRunClock) {
    this.repo = repo;
    this.storage = storageOf(repo);
    this.planner = planner;
    this.roots = List.copyOf(roots);
    this.clock = clock;
    this.dryRunClock = dryRunClock;
  }

  private static GcStorage storageOf(Repository repo) {
    return GcStorage.of(repo)
        .orElseThrow(
            () ->
                new InvalidArgumentException(
                    "Cannot collect garbage in "
                        + repo.location()
                        + ": only a repository opened directly (a directory or a bucket) can be"
                        + " collected; run gc where the repository is served"));
  }

  /** Runs one collection; see {@link GcReport} for what it returns. */
  public GcReport run(GcOptions options) {
    ReentrantLock lock = RUNNING.computeIfAbsent(repo.location(), k -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw new ConflictException(
          "Cannot collect garbage in " + repo.location() + ": another collection is running");
    }
    try {
      return collect(options);
    } finally {
      lock.unlock();
    }
  }

  private GcReport collect(GcOptions options) {
    Instant now = options.dryRun() ? dryRunClock.get() : clock.get();
    long t0 = System.nanoTime();
    RootSet rootSet = RootSet.collect(repo, roots);
    List<ObjectId> expired = expire(rootSet, now, options);
    long t1 = System.nanoTime();
    try (ScratchDb scratch = new ScratchDb(storage.scratchDir());
        GcStorage.SessionWatch watch = storage.watchSessions()) {
      // Listed after the watch began: a snapshot committed later was written by a watched writer.
      Set<ObjectId> live = liveSnapshots(rootSet, expired, options);
      Map<ObjectId, ObjectInfo> packs = listPacks();
      MarkSet marks = new MarkSet(scratch);
      Marker marker = new Marker(storage, marks);
      for (ObjectId id : live) {
        rootTree(id).ifPresent(marker::markSnapshot);
      }
      long t2 = System.nanoTime();
      IndexPass.Inputs inputs =
          new IndexPass.Inputs(storage, marks, null, packs, now, options, watch);
      IndexPass.Result pass = pass(inputs, scratch, 0);
      long condemned = pass.condemned();
      long condemnedBytes = pass.condemnedBytes();
      long pardoned = pass.pardoned();
      long dropped = pass.dropped();
      if (options.grace().isZero() && pass.condemned() > 0 && !options.dryRun()) {
        // No grace: what was just condemned is due at once, so a second pass drops it.
        pass = pass(inputs, scratch, 1);
        dropped += pass.dropped();
        pardoned += pass.pardoned();
      }
      long t3 = System.nanoTime();
      PackSweep.Result swept =
          new PackSweep(storage, options, repo.config().packTargetBytes())
              .run(packs, pass.live(), now);
      long t4 = System.nanoTime();
      GcReport report =
          new GcReport(
              options.dryRun(),
              expired,
              marker.counts(),
              condemned,
              condemnedBytes,
              pardoned,
              dropped,
              swept.deleted(),
              swept.repacked(),
              swept.created(),
              swept.bytesReclaimed(),
              new GcReport.Phases(
                  Duration.ofNanos(t1 - t0),
                  Duration.ofNanos(t2 - t1),
                  Duration.ofNanos(t3 - t2),
                  Duration.ofNanos(t4 - t3)));
      log.debug("Garbage collection of {}: {}", repo.location(), report);
      return report;
    }
  }

  private List<ObjectId> expire(RootSet rootSet, Instant now, GcOptions options) {
    List<ObjectId> expired = new ArrayList<>();
    for (ExpiryPlan.Expired e : planner.plan(repo, rootSet, now).expired()) {
      if (!rootSet.holdersOf(e.snapshot()).isEmpty()) {
        // The planner promises never to expire a root; hold it to that.
        log.warn(
            "Not expiring snapshot {}: held by {}", e.snapshot(), rootSet.holdersOf(e.snapshot()));
        continue;
      }
      if (!expired.contains(e.snapshot())) {
        expired.add(e.snapshot());
      }
    }
    if (options.dryRun()) {
      return expired;
    }
    List<ObjectId> deleted = new ArrayList<>();
    for (ObjectId id : expired) {
      // The roots were read before the plan: a ref or tag moved onto the snapshot since keeps it.
      if (storage.deleteSnapshotUnlessReferenced(id)) {
        deleted.add(id);
        CrashPoints.visit("gc-expired");
      } else {
        log.info("Not expiring snapshot {}: a ref or tag moved onto it during the collection", id);
      }
    }
    return deleted;
  }

  private Set<ObjectId> liveSnapshots(RootSet rootSet, List<ObjectId> expired, GcOptions options) {
    Set<ObjectId> live = new LinkedHashSet<>();
    for (Snapshot s : repo.listSnapshots(Optional.empty())) {
      live.add(s.id());
    }
    if (options.dryRun()) {
      expired.forEach(live::remove);
    }
    live.addAll(rootSet.snapshots());
    return live;
  }

  private Optional<ObjectId> rootTree(ObjectId snapshot) {
    try {
      return Optional.of(repo.loadSnapshot(snapshot).rootTree());
    } catch (NotFoundException e) {
      // A pin or ref naming a deleted snapshot holds nothing; 'cairn check' reports a dangling ref.
      log.debug("Root snapshot {} does not exist; nothing to mark for it", snapshot);
      return Optional.empty();
    }
  }

  private Map<ObjectId, ObjectInfo> listPacks() {
    Map<ObjectId, ObjectInfo> packs = new TreeMap<>();
    for (ObjectInfo info : storage.listPacks()) {
      packs.put(PackFormat.parseObjectName(info.name()), info);
    }
    return packs;
  }

  private IndexPass.Result pass(IndexPass.Inputs base, ScratchDb scratch, int n) {
    CondemnedSet condemned = new CondemnedSet(scratch, n);
    condemned.load(storage);
    return new IndexPass(
            new IndexPass.Inputs(
                base.storage(),
                base.marks(),
                condemned,
                base.packs(),
                base.now(),
                base.options(),
                base.watch()))
        .run();
  }
}

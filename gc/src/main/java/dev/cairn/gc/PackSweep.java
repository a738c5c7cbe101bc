package dev.cairn.gc;

import dev.cairn.store.CrashPoints;
import dev.cairn.store.GcStorage;
import dev.cairn.store.GcStorage.PackUsage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, for every pack older than the grace period, whether it goes: deleted whole when the
 * index places nothing in it (emptied by this or an earlier run, or an orphan of a crash), repacked
 * when at least the threshold of its blob bytes is dead, kept otherwise. Packs to repack are
 * grouped, metadata apart from data (a bucket repository caches metadata packs whole), until their
 * live bytes fill one pack of the target size, so repacking also merges small packs.
 */
final class PackSweep {
  /** What the sweep did. */
  record Result(long deleted, long repacked, long created, long bytesReclaimed) {}

  private final GcStorage storage;
  private final GcOptions options;
  private final long packTarget;
  private final Group metadata = new Group();
  private final Group data = new Group();
  private long deleted;
  private long repacked;
  private long created;
  private long reclaimed;

  /** Packs waiting to be repacked together. */
  private static final class Group {
    final List<ObjectId> packs = new ArrayList<>();
    long liveBytes;
    long size;
  }

  PackSweep(GcStorage storage, GcOptions options, long packTarget) {
    this.storage = storage;
    this.options = options;
    this.packTarget = packTarget;
  }

  Result run(Map<ObjectId, ObjectInfo> packs, PackLiveness live, Instant now) {
    Instant cutoff = now.minus(options.grace());
    for (Map.Entry<ObjectId, ObjectInfo> e : packs.entrySet()) {
      ObjectId pack = e.getKey();
      ObjectInfo info = e.getValue();
      if (info.lastModified().isAfter(cutoff)) {
        continue; // may be a writer's, not yet indexed
      }
      if (live.liveBlobs(pack) == 0 || !storage.packIndexed(pack)) {
        delete(pack, info.size());
      } else if (info.size() - live.liveBytes(pack) >= options.repackThreshold() * info.size()) {
        // Worth a look: the header and footer count as dead above; the footer says exactly.
        PackUsage usage = storage.packUsage(pack);
        // A dry run dropped nothing, so only the pass knows what the pack would keep.
        long liveBytes = options.dryRun() ? live.liveBytes(pack) : usage.liveBytes();
        if (usage.blobBytes() - liveBytes >= options.repackThreshold() * usage.blobBytes()) {
          add(usage.metadataOnly() ? metadata : data, usage.pack(), liveBytes, usage.size());
        }
      }
    }
    repack(metadata);
    repack(data);
    return new Result(deleted, repacked, created, reclaimed);
  }

  private void delete(ObjectId pack, long size) {
    if (options.dryRun() || storage.deletePack(pack)) {
      CrashPoints.visit("gc-pack-deleted");
      deleted++;
      reclaimed += size;
    }
  }

  private void add(Group group, ObjectId pack, long liveBytes, long size) {
    group.packs.add(pack);
    group.liveBytes += liveBytes;
    group.size += size;
    if (group.liveBytes >= packTarget) {
      repack(group);
    }
  }

  private void repack(Group group) {
    if (group.packs.isEmpty()) {
      return;
    }
    if (options.dryRun()) {
      repacked += group.packs.size();
      created++;
      reclaimed += group.size - group.liveBytes;
    } else {
      GcStorage.RepackResult r = storage.repack(List.copyOf(group.packs));
      repacked += r.repacked().size();
      created += r.created().size();
      reclaimed += r.bytesBefore() - r.bytesAfter();
    }
    group.packs.clear();
    group.liveBytes = 0;
    group.size = 0;
  }
}

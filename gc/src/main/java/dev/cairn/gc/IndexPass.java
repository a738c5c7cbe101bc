package dev.cairn.gc;

import dev.cairn.store.CrashPoints;
import dev.cairn.store.GcStorage;
import dev.cairn.store.GcStorage.Condemnation;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over the index after the mark, in id order, judging each blob: a marked blob that was
 * condemned is pardoned; an unmarked one condemned long enough ago, with no writer around that
 * might rely on it unrevived, is dropped from the index (phase 2); an unmarked one in a pack older
 * than the grace period is condemned (phase 1). Writes go out in batches as the pass goes; a dry
 * run only counts.
 */
final class IndexPass {
  private static final int BATCH = 10_000;

  /** Everything the pass needs to judge a blob. */
  record Inputs(
      GcStorage storage,
      MarkSet marks,
      CondemnedSet condemned,
      Map<ObjectId, ObjectInfo> packs,
      Instant now,
      GcOptions options,
      GcStorage.SessionWatch watch) {}

  /** What a pass did. */
  record Result(
      long condemned, long condemnedBytes, long pardoned, long dropped, PackLiveness live) {}

  private record Candidate(ObjectId id, ObjectId pack, int storedLength) {}

  private final Inputs in;
  private final Instant cutoff;
  private final PackLiveness live = new PackLiveness();
  private final List<ObjectId> toCondemn = new ArrayList<>();
  private final List<ObjectId> toPardon = new ArrayList<>();
  private final List<Candidate> toDrop = new ArrayList<>();
  private long condemned;
  private long condemnedBytes;
  private long pardoned;
  private long dropped;

  IndexPass(Inputs in) {
    this.in = in;
    this.cutoff = in.now().minus(in.options().grace());
  }

  Result run() {
    in.storage().scanBlobs(this::judge);
    flushCondemn();
    flushPardon();
    flushDrop();
    return new Result(condemned, condemnedBytes, pardoned, dropped, live);
  }

  private void judge(ObjectId id, ObjectId pack, int storedLength) {
    Optional<Condemnation> c = in.condemned().find(id);
    if (in.marks().isMarked(id)) {
      live.add(pack, storedLength);
      if (c.isPresent()) {
        toPardon.add(id);
        if (toPardon.size() >= BATCH) {
          flushPardon();
        }
      }
    } else if (c.isPresent()) {
      if (due(c.get())) {
        toDrop.add(new Candidate(id, pack, storedLength));
        if (toDrop.size() >= BATCH) {
          flushDrop();
        }
      } else {
        live.add(pack, storedLength);
      }
    } else {
      live.add(pack, storedLength);
      ObjectInfo info = in.packs().get(pack);
      // A pack listed after the pass began, or younger than the grace period, may belong to a
      // writer that has not committed yet.
      if (info != null && !info.lastModified().isAfter(cutoff)) {
        toCondemn.add(id);
        condemnedBytes += storedLength;
        if (toCondemn.size() >= BATCH) {
          flushCondemn();
        }
      }
    }
  }

  private boolean due(Condemnation c) {
    return !c.at().isAfter(cutoff) && in.watch().allStartedAfter(c.stamp());
  }

  private void flushCondemn() {
    if (!toCondemn.isEmpty() && !in.options().dryRun()) {
      in.storage().condemn(toCondemn, in.now());
      CrashPoints.visit("gc-condemned");
    }
    condemned += toCondemn.size();
    toCondemn.clear();
  }

  private void flushPardon() {
    if (!toPardon.isEmpty() && !in.options().dryRun()) {
      in.storage().pardon(toPardon);
    }
    pardoned += toPardon.size();
    toPardon.clear();
  }

  private void flushDrop() {
    if (toDrop.isEmpty()) {
      return;
    }
    Set<ObjectId> gone;
    if (in.options().dryRun()) {
      gone = Set.of();
      dropped += toDrop.size();
    } else {
      gone = new HashSet<>(in.storage().drop(toDrop.stream().map(Candidate::id).toList()));
      CrashPoints.visit("gc-dropped");
      dropped += gone.size();
    }
    for (Candidate c : toDrop) {
      // A dry run counts every candidate as gone; a real one keeps what a writer revived.
      if (!in.options().dryRun() && !gone.contains(c.id())) {
        live.add(c.pack(), c.storedLength());
      }
    }
    toDrop.clear();
  }
}

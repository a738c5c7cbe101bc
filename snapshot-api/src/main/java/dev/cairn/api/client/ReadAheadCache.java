package dev.cairn.api.client;

import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blobs fetched ahead of a restore, each kept until it has been read as often as it was planned.
 * Two kinds of plan: {@link #expect} for blobs a planner streams in the order the restore reads
 * them, within a bound on the stored bytes held (a fetch waits for room); and {@link #expectRun}
 * for the chunks of a large file, whose runs the restore reads concurrently in no order a planner
 * can follow, so the reader of a run's first chunk {@link #claimRun claims} and fetches the run
 * itself. A read of a planned blob waits for it to arrive; a read of anything else gets nothing,
 * and the caller fetches it alone. A read that waits {@code stallMillis} while no read makes room
 * and the stream waits for some is given up, the caller fetches the blob alone, and the oldest
 * blobs held are dropped to make room: they may wait for readers that wait for that read (a large
 * file's run waiting for a chunk a small file later in the stream also has, while large files fill
 * every file thread), or for reads that never come (a file that failed verification stops reading).
 * Once {@link #abandon}ed, it holds nothing and every read gets nothing. Thread safe.
 */
final class ReadAheadCache {
  private static final class Slot {
    int expected;
    boolean queued;
    boolean arrived;
    StoredBlob blob;
    // For a chunk of a large file: the file's chunks, this one's index, and whether a reader has
    // claimed it for fetching.
    List<ObjectId> run;
    int index;
    boolean claimed;
  }

  private final long capacity;
  private final long stallMillis;
  private final int runLength;
  private final Map<ObjectId, Slot> slots = new HashMap<>();
  // Held blobs, oldest first.
  private final Set<ObjectId> arrivals = new LinkedHashSet<>();
  private long held;
  private long reads;
  private boolean abandoned;
  // The size of the blob the stream waits to hand over, or -1.
  private long roomWanted = -1;

  /** Holds up to {@code capacityBytes} streamed ahead; a claimed run is {@code runLength} long. */
  ReadAheadCache(long capacityBytes, long stallMillis, int runLength) {
    this.capacity = capacityBytes;
    this.stallMillis = stallMillis;
    this.runLength = runLength;
  }

  /**
   * Plans one more read of {@code id}; true if the planner must fetch it, false if it is held or
   * about to be already. Plan a read before anything that leads the restore to it can be read.
   */
  synchronized boolean expect(ObjectId id) {
    Slot s = plan(id);
    if (s == null || s.queued) {
      return false;
    }
    s.queued = true;
    return true;
  }

  /** Plans a read of each of a large file's {@code chunks}, to be fetched by its readers. */
  synchronized void expectRun(List<ObjectId> chunks) {
    for (int i = 0; i < chunks.size(); i++) {
      Slot s = plan(chunks.get(i));
      if (s != null && !s.queued) {
        s.queued = true;
        s.run = chunks;
        s.index = i;
      }
    }
  }

  private Slot plan(ObjectId id) {
    if (abandoned) {
      return null;
    }
    Slot s = slots.computeIfAbsent(id, k -> new Slot());
    s.expected++;
    return s;
  }

  /**
   * For a reader about to read {@code id}: if it is a chunk of a large file that nobody fetches
   * yet, the ids to fetch now, from it on along its run, now claimed by this reader, who must hand
   * each to {@link #arriveClaimed} (or {@link #abandon}); otherwise none.
   */
  synchronized List<ObjectId> claimRun(ObjectId id) {
    Slot first = slots.get(id);
    if (abandoned || first == null || first.run == null || first.claimed || first.arrived) {
      return List.of();
    }
    List<ObjectId> claimed = new ArrayList<>();
    List<ObjectId> run = first.run;
    for (int i = first.index; i < run.size() && claimed.size() < runLength; i++) {
      Slot s = slots.get(run.get(i));
      if (s != null && s.run == run && !s.claimed && !s.arrived) {
        s.claimed = true;
        claimed.add(run.get(i));
      }
    }
    return claimed;
  }

  /** Hands over a streamed blob (empty: the server lacks it), waiting for room if need be. */
  synchronized void arrive(ObjectId id, Optional<StoredBlob> blob) throws InterruptedException {
    long size = blob.map(b -> (long) b.bytes().length).orElse(0L);
    try {
      while (!abandoned && held > 0 && held + size > capacity) {
        roomWanted = size;
        wait();
      }
    } finally {
      roomWanted = -1;
    }
    hold(id, blob);
  }

  /**
   * Hands over a blob of a claimed run without waiting for room: its reader is fetching it now, so
   * it is read at once, and each reader holds at most one run.
   */
  synchronized void arriveClaimed(ObjectId id, Optional<StoredBlob> blob) {
    hold(id, blob);
  }

  private void hold(ObjectId id, Optional<StoredBlob> blob) {
    Slot s = slots.get(id);
    if (abandoned || s == null || s.arrived) {
      return;
    }
    s.arrived = true;
    s.blob = blob.orElse(null);
    held += size(s);
    arrivals.add(id);
    notifyAll();
  }

  /**
   * A planned blob, once it has arrived; null if {@code id} is not planned (or no longer held), and
   * the caller should fetch it itself. Throws {@link NotFoundException} if the server lacks it.
   */
  synchronized StoredBlob take(ObjectId id) throws InterruptedException {
    Slot s;
    while ((s = slots.get(id)) != null && !s.arrived && !abandoned) {
      long before = reads;
      wait(stallMillis);
      if (reads == before && roomWanted >= 0 && !s.arrived) {
        // Stalled behind a full cache: give this read up, so its file can finish and free what
        // the readers of the blobs held wait for, and drop the oldest blobs held, which may
        // never be read.
        giveUp(id, s);
        return null;
      }
    }
    if (s == null || abandoned) {
      return null;
    }
    if (--s.expected <= 0) {
      slots.remove(id);
      arrivals.remove(id);
      held -= size(s);
    }
    reads++;
    notifyAll();
    if (s.blob == null) {
      throw new NotFoundException("Blob " + id + " is not on the server");
    }
    return s.blob;
  }

  private void giveUp(ObjectId id, Slot s) {
    if (--s.expected <= 0) {
      slots.remove(id);
    }
    Iterator<ObjectId> oldest = arrivals.iterator();
    while (held > 0 && held + roomWanted > capacity && oldest.hasNext()) {
      held -= size(slots.remove(oldest.next()));
      oldest.remove();
    }
    reads++;
    notifyAll();
  }

  /** Drops everything; reads fetch blobs themselves from now on. */
  synchronized void abandon() {
    abandoned = true;
    slots.clear();
    arrivals.clear();
    held = 0;
    notifyAll();
  }

  synchronized boolean abandoned() {
    return abandoned;
  }

  private static long size(Slot s) {
    return s == null || s.blob == null ? 0 : s.blob.bytes().length;
  }
}

package dev.cairn.store.engine;

import dev.cairn.store.CrashPoints;
import dev.cairn.store.GcStorage.RepackResult;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.pack.PackWriter;
import dev.cairn.store.pack.SealedPack;
import dev.cairn.store.proto.PackEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the live blobs of some packs into new packs of the target size, in the order that keeps
 * every step crash safe: new packs stored, then the index switched to them in one durable batch
 * (which also forgets the old packs), then the old packs deleted. A crash before the switch leaves
 * new packs that nothing indexes (orphans, collected later); after it, old packs that nothing
 * indexes. Stored bytes are copied as they are, without decompressing.
 */
final class Repacker {
  private final DefaultRepository repo;
  private final DefaultGcStorage gc;
  private final ObjectBackend reads;
  private final Map<ObjectId, DefaultGcStorage.Footer> footers = new LinkedHashMap<>();
  private final Map<ObjectId, List<PackEntry>> copied = new HashMap<>();
  private final List<Moved> moved = new ArrayList<>();
  private final List<SealedPack> created = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private PackWriter writer;

  /** A blob copied from {@code source} into the open writer. */
  private record Pending(ObjectId source) {}

  /** A blob copied from {@code source} into {@code pack} at {@code entry}. */
  private record Moved(ObjectId source, ObjectId pack, PackEntry entry) {}

  Repacker(DefaultRepository repo, DefaultGcStorage gc) {
    this.repo = repo;
    this.gc = gc;
    this.reads = repo.storage().blobBackend();
  }

  RepackResult repack(List<ObjectId> sources) {
    for (ObjectId source : sources) {
      DefaultGcStorage.Footer f = gc.footer(source);
      footers.put(source, f);
      List<PackEntry> live = gc.liveEntries(source, f.footer());
      copied.put(source, live);
      for (PackEntry e : live) {
        copy(source, e);
      }
    }
    seal();
    return repo.condemned().locked(this::switchIndex);
  }

  private void copy(ObjectId source, PackEntry e) {
    byte[] stored = reads.read(PackFormat.objectName(source), e.getOffset(), e.getStoredLength());
    if (writer == null) {
      writer = new PackWriter(repo.tempDir(), "repack-");
    }
    writer.append(
        ObjectId.of(e.getId()),
        e.getType(),
        stored,
        0,
        stored.length,
        e.getRawLength(),
        e.getCompression());
    pending.add(new Pending(source));
    if (writer.size() >= repo.config().packTargetBytes()) {
      seal();
    }
  }

  private void seal() {
    if (writer == null) {
      return;
    }
    SealedPack sealed = writer.seal();
    writer = null;
    boolean written = repo.backend().putFile(PackFormat.objectName(sealed.id()), sealed.file());
    CrashPoints.visit("gc-repack-stored");
    if (!written) {
      // The same pack from an earlier, interrupted repack: identical content, use it.
      BlobStore.requireStillStored(repo.backend(), PackFormat.objectName(sealed.id()), false);
    }
    created.add(sealed);
    for (int i = 0; i < pending.size(); i++) {
      moved.add(new Moved(pending.get(i).source(), sealed.id(), sealed.entries().get(i)));
    }
    pending.clear();
  }

  private RepackResult switchIndex() {
    List<ObjectId> switched = new ArrayList<>();
    for (ObjectId source : footers.keySet()) {
      // Only this collection changes where live blobs are, but a writer may be storing the same
      // pack again (same blobs, so same name), or have done so: then the source stays, and its
      // copies are garbage. A source whose copy came out identical (nothing in it was dead) is its
      // own copy: it stays too.
      boolean ownCopy = created.stream().anyMatch(p -> p.id().equals(source));
      if (!ownCopy
          && !repo.condemned().inFlight(source)
          && gc.liveEntries(source, footers.get(source).footer()).equals(copied.get(source))) {
        switched.add(source);
      }
    }
    Set<ObjectId> switchedSet = new HashSet<>(switched);
    Set<ObjectId> used = new HashSet<>();
    try (Batch batch = repo.index().newBatch()) {
      for (Moved m : moved) {
        if (switchedSet.contains(m.source())) {
          batch.put(
              Table.BLOBS,
              m.entry().getId().toByteArray(),
              BlobStore.locationOf(m.pack(), m.entry()));
          used.add(m.pack());
        }
      }
      long after = 0;
      for (SealedPack p : created) {
        if (used.contains(p.id())) {
          batch.put(
              Table.PACKS, p.id().toBytes(), ByteBuffer.allocate(8).putLong(p.size()).array());
          after += p.size();
        }
      }
      long before = 0;
      for (ObjectId source : switched) {
        batch.delete(Table.PACKS, source.toBytes());
        before += footers.get(source).size();
      }
      batch.commitDurably();
      CrashPoints.visit("gc-repack-indexed");
      for (ObjectId source : switched) {
        repo.backend().delete(PackFormat.objectName(source));
        CrashPoints.visit("gc-repack-source-deleted");
      }
      return new RepackResult(
          switched,
          created.stream().map(SealedPack::id).filter(used::contains).toList(),
          before,
          after);
    }
  }
}

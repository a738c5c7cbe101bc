package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.CorruptException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Snapshots chunked on the client and sent to a server: exact, deduplicated, resumable. */
class RemoteSnapshotTest extends RemoteFixture {
  private final TreeGenerator gen = new TreeGenerator(3);
  private final RefName ref = RefName.parse("team-a/data");

  private Path bigTree() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    for (int i = 0; i < 3; i++) {
      gen.randomFile(src.resolve("big/blob-" + i + ".bin"), 3_000_000 + i);
    }
    byte[] text = "the same line over and over, compressible\n".repeat(50_000).getBytes();
    gen.file(src.resolve("big/text.csv"), text);
    return src;
  }

  @Test
  void aRemoteSnapshotRestoresBitForBitAndHasTheIdsALocalSnapshotWouldHave() throws Exception {
    Path src = bigTree();
    SnapshotResult r;
    try (RemoteRepository remote = remote(writer)) {
      r =
          remote.snapshot(
              SnapshotRequest.of(src, ref)
                  .withKind(SnapshotKind.DATASET)
                  .withMessage("first")
                  .withLabels(Map.of("owner", "ann")));
      assertThat(r.refUpdate()).isEqualTo(RefUpdate.CREATED);
      assertThat(r.snapshot().creator()).isEqualTo("writer");
      assertThat(r.snapshot().labels()).containsEntry("owner", "ann");
      assertThat(r.filesRead()).isEqualTo(r.snapshot().totalFiles());

      Path out = tmp.resolve("out");
      remote.restore(remote.resolve("team-a/data"), "", out, Progress.NONE);
      assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
    }
    try (Repository local = Repository.init(tmp.resolve("local"), TestRepos.options())) {
      var mine = local.snapshot(SnapshotRequest.of(src, RefName.parse("x/y"))).snapshot();
      assertThat(r.snapshot().rootTree()).isEqualTo(mine.rootTree());
      assertThat(r.snapshot().totalBytes()).isEqualTo(mine.totalBytes());
      assertThat(r.snapshot().totalFiles()).isEqualTo(mine.totalFiles());
    }
    assertThat(repo.check(dev.cairn.store.CheckOptions.READ_DATA).problems()).isEmpty();
  }

  @Test
  void aRemoteRestoreOfASubtreeOrOfOneFileMatchesTheSource() throws Exception {
    Path src = bigTree();
    try (RemoteRepository remote = remote(writer)) {
      ObjectId id = remote.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
      Path dir = tmp.resolve("out-dir");
      remote.restore(id, "big/", dir, Progress.NONE);
      assertThat(TreeGenerator.describe(dir)).isEqualTo(TreeGenerator.describe(src.resolve("big")));
      Path one = tmp.resolve("out-file/text.csv");
      remote.restore(id, "/big/text.csv", one, Progress.NONE);
      assertThat(Files.readAllBytes(one))
          .isEqualTo(Files.readAllBytes(src.resolve("big/text.csv")));
      assertThatThrownBy(() -> remote.restore(id, "big/none", tmp.resolve("x"), Progress.NONE))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void aChunkTheServerSendsCorruptIsCaughtByTheClientAndItsFileIsNotWritten() throws Exception {
    Path src = tmp.resolve("src");
    for (int i = 0; i < 6; i++) {
      gen.randomFile(src.resolve("f" + i), 200_000);
    }
    try (RemoteRepository remote = remote(writer)) {
      ObjectId id = remote.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
      flipAByteOfTheFirstBlobInTheLargestPack();
      Path out = tmp.resolve("out");
      assertThatThrownBy(() -> remote.restore(id, "", out, Progress.NONE))
          .isInstanceOf(CorruptException.class)
          .hasMessageContaining("1 file(s) failed verification");
      try (Stream<Path> restored = Files.list(out)) {
        assertThat(restored).hasSize(5);
      }
    }
  }

  /** Random data is stored raw, so the flipped byte is served as it is, not as a zstd error. */
  private void flipAByteOfTheFirstBlobInTheLargestPack() throws Exception {
    Path largest;
    try (Stream<Path> packs = Files.walk(tmp.resolve("repo/packs"))) {
      largest =
          packs
              .filter(p -> p.toString().endsWith(".pack"))
              .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(largest.toFile(), "rw")) {
      f.seek(100);
      int b = f.read();
      f.seek(100);
      f.write(b ^ 0x55);
    }
  }

  @Test
  void aSecondSnapshotOfAnUnchangedTreeSendsNoBlobsAndReadsNoFiles() throws Exception {
    Path src = bigTree();
    try (RemoteRepository remote = remote(writer)) {
      SnapshotResult first = remote.snapshot(SnapshotRequest.of(src, ref));
      assertThat(first.storedBytesAdded()).isGreaterThan(first.snapshot().totalBytes() / 2);

      SnapshotResult second = remote.snapshot(SnapshotRequest.of(src, ref));
      assertThat(second.blobsAdded()).isZero();
      assertThat(second.storedBytesAdded()).isZero();
      assertThat(second.filesRead()).isZero();
      assertThat(second.filesReused()).isEqualTo(first.snapshot().totalFiles());
      assertThat(second.snapshot().rootTree()).isEqualTo(first.snapshot().rootTree());
      assertThat(second.snapshot().parents()).containsExactly(first.snapshot().id());
    }
    // A client without the cache reads everything, and still sends nothing the server holds.
    try (RemoteRepository fresh = remoteWithoutCache(admin)) {
      SnapshotResult third = fresh.snapshot(SnapshotRequest.of(src, RefName.parse("team-b/x")));
      assertThat(third.filesRead()).isPositive();
      assertThat(third.blobsAdded()).isZero();
    }
  }

  @Test
  void afterAOnePercentChangeAboutOnePercentIsSent() throws Exception {
    Path src = tmp.resolve("src");
    int files = 10;
    int size = 1_000_000;
    for (int i = 0; i < files; i++) {
      gen.randomFile(src.resolve("f" + i), size);
    }
    try (RemoteRepository remote = remote(writer)) {
      SnapshotResult first = remote.snapshot(SnapshotRequest.of(src, ref));
      try (RandomAccessFile f = new RandomAccessFile(src.resolve("f4").toFile(), "rw")) {
        f.seek(500_000);
        f.write(gen.randomBytes(files * size / 100));
      }
      SnapshotResult second = remote.snapshot(SnapshotRequest.of(src, ref));
      long total = (long) files * size;
      assertThat(second.filesRead()).isEqualTo(1);
      assertThat(second.rawBytesAdded())
          .as("raw bytes sent after a 1%% change of %d bytes", total)
          .isBetween(total / 100, total * 6 / 100);
      assertThat(second.storedBytesAdded()).isLessThan(first.storedBytesAdded() * 6 / 100);
    }
  }

  @Test
  void anInterruptedUploadLeavesNoSnapshotAndTheRerunSendsOnlyWhatIsMissing() throws Exception {
    Path src = tmp.resolve("src");
    int count = 30;
    for (int i = 0; i < count; i++) {
      gen.randomFile(src.resolve("d" + (i % 4) + "/f" + i), 500_000);
    }
    Set<ObjectId> all = blobIds(src);
    AtomicInteger done = new AtomicInteger();
    Progress interrupting =
        (files, bytes) -> {
          // Once the server holds some packs, stop, as a user's Ctrl-C (or a dead client) would.
          if (done.addAndGet((int) files) == 8) {
            awaitStoredPack();
            throw new IllegalStateException("interrupted");
          }
        };
    try (RemoteRepository remote = remote(writer)) {
      assertThatThrownBy(
              () -> remote.snapshot(SnapshotRequest.of(src, ref).withProgress(interrupting)))
          .hasMessageContaining("interrupted");
    }
    assertThat(repo.listSnapshots(Optional.of("team-a"))).isEmpty();
    assertThat(repo.refs().find(ref)).isEmpty();
    awaitQuietPacks();
    Set<ObjectId> missing = ((SupportsUploads) repo).missing(all);
    assertThat(missing).isNotEmpty().hasSizeLessThan(all.size());

    try (RemoteRepository remote = remote(writer)) {
      SnapshotResult rerun = remote.snapshot(SnapshotRequest.of(src, ref));
      assertThat(rerun.refUpdate()).isEqualTo(RefUpdate.CREATED);
      // Nothing learned by the interrupted run was trusted: every file was read again ...
      assertThat(rerun.filesRead()).isEqualTo(count);
      // ... but only the blobs the server still lacked were sent.
      assertThat(rerun.blobsAdded()).isEqualTo(missing.size());
      Path out = tmp.resolve("out");
      remote.restore(rerun.snapshot().id(), "", out, Progress.NONE);
      assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
    }
    assertThat(repo.check(dev.cairn.store.CheckOptions.READ_DATA).problems()).isEmpty();
  }

  private void awaitStoredPack() {
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (storedPacks() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStaleParentIsAConflictAndTheRefStays() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a"), 100);
    try (RemoteRepository remote = remote(writer)) {
      SnapshotResult first = remote.snapshot(SnapshotRequest.of(src, ref));
      AtomicInteger calls = new AtomicInteger();
      gen.randomFile(src.resolve("a"), 120);
      // Another writer moves the ref while this snapshot is being built.
      Progress sneaky =
          (f, b) -> {
            if (calls.getAndIncrement() == 0) {
              snapshot("team-a", "data", Map.of("other", "x"));
            }
          };
      SnapshotResult late = remote.snapshot(SnapshotRequest.of(src, ref).withProgress(sneaky));
      assertThat(late.refUpdate()).isEqualTo(RefUpdate.CONFLICT);
      assertThat(late.snapshot().parents()).containsExactly(first.snapshot().id());
      assertThat(remote.refs().load(ref).target()).isNotEqualTo(late.snapshot().id());
    }
  }

  @Test
  void packsFitAServerThatTakesOnlySmallUploads() throws Exception {
    server.close();
    long limit = 1 << 20;
    server =
        ApiServer.start(repo, Optional.of(lineage), options().withMaxUploadBytes(limit), "test");
    Path src = bigTree();
    try (RemoteRepository remote = remote(writer)) {
      remote.snapshot(SnapshotRequest.of(src, ref));
      Path out = tmp.resolve("out");
      remote.restore(remote.resolve("team-a/data"), "", out, Progress.NONE);
      assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
    }
    // The repository cuts 1 MiB packs; this server takes at most 1 MiB per pack, so the client
    // was told to cut smaller ones, and none was refused midway.
    try (Stream<Path> packs = Files.walk(tmp.resolve("repo/packs"))) {
      assertThat(packs.filter(p -> p.toString().endsWith(".pack")).toList())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(Files.size(p)).isLessThanOrEqualTo(limit));
    }
  }
}

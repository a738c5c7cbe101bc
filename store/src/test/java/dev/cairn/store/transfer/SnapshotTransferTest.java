package dev.cairn.store.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.ConflictException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SupportsTransfer;
import dev.cairn.store.TransferOptions;
import dev.cairn.store.TransferResult;
import dev.cairn.store.testkit.S3TestServer;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots copied between directory and bucket repositories keep their ids and their bytes. */
class SnapshotTransferTest {
  @TempDir Path tmp;
  private final TreeGenerator gen = new TreeGenerator(11);
  private final RefName ref = RefName.parse("ml/train");
  private final List<Repository> open = new ArrayList<>();
  private int made;

  @AfterEach
  void close() {
    open.forEach(Repository::close);
  }

  private RepositoryOptions options() {
    return TestRepos.options().withClock(TestRepos.aheadOfFiles());
  }

  private Repository local() {
    Repository r = Repository.init(tmp.resolve("local-" + made++), options());
    open.add(r);
    return r;
  }

  private Repository bucket() {
    Repository r =
        Repository.init(
            S3TestServer.shared().newRepositoryLocation(tmp.resolve("cache-" + made++)), options());
    open.add(r);
    return r;
  }

  private TransferOptions transfer() {
    return TransferOptions.defaults().withTempDir(tmp.resolve("scratch"));
  }

  private Snapshot snapshot(Repository repo, Path src) {
    return repo.snapshot(
            SnapshotRequest.of(src, ref)
                .withKind(SnapshotKind.DATASET)
                .withMessage("export")
                .withLabels(Map.of("team", "vision")))
        .snapshot();
  }

  private Path mixedTree() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    return src;
  }

  private void assertRestoresTo(Repository repo, ObjectId id, Path expected) throws Exception {
    Path out = tmp.resolve("out-" + made++);
    repo.restore(id, "", out, Progress.NONE);
    assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(expected));
  }

  @Test
  void localToBucketToLocalIsBitExactAndKeepsTheSnapshotId() throws Exception {
    Path src = mixedTree();
    Repository a = local();
    Repository s3 = bucket();
    Repository b = local();
    Snapshot s = snapshot(a, src);

    TransferResult up = new SnapshotTransfer(a, s3).copy(s.id(), transfer());
    TransferResult down = new SnapshotTransfer(s3, b).copy(s.id(), transfer());

    assertThat(up.copied()).containsExactly(s.id());
    assertThat(down.copied()).containsExactly(s.id());
    assertThat(b.loadSnapshot(s.id())).isEqualTo(s);
    assertThat(up.blobsSent()).isPositive();
    assertThat(up.blobsSkipped()).isZero();
    assertRestoresTo(b, s.id(), src);
    assertThat(s3.check(CheckOptions.READ_DATA).problems()).isEmpty();
    assertThat(b.check(CheckOptions.READ_DATA).problems()).isEmpty();
  }

  @Test
  void bucketToBucketCopiesAndASecondCopySendsNothing() throws Exception {
    Path src = mixedTree();
    Repository one = bucket();
    Repository two = bucket();
    Snapshot s = snapshot(one, src);

    new SnapshotTransfer(one, two).copy(s.id(), transfer());
    TransferResult again = new SnapshotTransfer(one, two).copy(s.id(), transfer());

    assertThat(again.copied()).isEmpty();
    assertThat(again.alreadyThere()).isEqualTo(1);
    assertThat(again.blobsSent()).isZero();
    assertRestoresTo(two, s.id(), src);
  }

  @Test
  void afterAOnePercentChangeOnlyTheChangedChunksTravel() throws Exception {
    Path src = tmp.resolve("src");
    for (int i = 0; i < 100; i++) {
      gen.randomFile(src.resolve("part-" + i + ".bin"), 100_000);
    }
    Repository a = local();
    Repository b = local();
    Snapshot v1 = snapshot(a, src);
    TransferResult first = new SnapshotTransfer(a, b).copy(v1.id(), transfer());
    gen.randomFile(src.resolve("part-7.bin"), 100_000);
    Snapshot v2 = snapshot(a, src);

    TransferResult second = new SnapshotTransfer(a, b).copy(v2.id(), transfer());

    assertThat(first.rawBytesSent()).isGreaterThanOrEqualTo(10_000_000);
    // The new file's chunks, its file node and the root tree: nothing else.
    assertThat(second.rawBytesSent()).isBetween(100_000L, 110_000L);
    assertThat(second.blobsSent()).isLessThanOrEqualTo(5);
    assertThat(second.bytesSkipped()).isEqualTo(9_900_000);
    assertRestoresTo(b, v2.id(), src);
  }

  @Test
  void historyCopiesAncestorsWithTheirIdsAndDepthLimitsIt() throws Exception {
    Path src = tmp.resolve("src");
    Repository a = local();
    List<Snapshot> versions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      gen.randomFile(src.resolve("v" + i + ".bin"), 50_000);
      versions.add(snapshot(a, src));
    }
    Repository shallow = local();
    Repository full = bucket();

    TransferResult two =
        new SnapshotTransfer(a, shallow).copy(versions.get(3).id(), transfer().withDepth(1));
    TransferResult all =
        new SnapshotTransfer(a, full).copy(versions.get(3).id(), transfer().withHistory());

    assertThat(two.copied()).containsExactly(versions.get(2).id(), versions.get(3).id());
    assertThat(all.copied())
        .containsExactlyElementsOf(versions.stream().map(Snapshot::id).toList());
    for (Snapshot v : versions) {
      assertThat(full.loadSnapshot(v.id())).isEqualTo(v);
    }
    assertThatThrownBy(() -> shallow.loadSnapshot(versions.get(1).id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(full.check(CheckOptions.READ_DATA).problems()).isEmpty();
  }

  @Test
  void aRefMovesOnlyForwardUnlessForced() throws Exception {
    Path src = tmp.resolve("src");
    Repository a = local();
    Repository b = local();
    gen.randomFile(src.resolve("x"), 1000);
    Snapshot v1 = snapshot(a, src);
    gen.randomFile(src.resolve("y"), 1000);
    Snapshot v2 = snapshot(a, src);

    TransferResult created = new SnapshotTransfer(a, b).copy(v1.id(), transfer().withRef(ref));
    TransferResult forward = new SnapshotTransfer(a, b).copy(v2.id(), transfer().withRef(ref));

    assertThat(created.refUpdate()).contains(RefUpdate.CREATED);
    assertThat(forward.refUpdate()).contains(RefUpdate.UPDATED);
    assertThat(b.refs().load(ref).target()).isEqualTo(v2.id());
    assertThatThrownBy(() -> new SnapshotTransfer(a, b).copy(v1.id(), transfer().withRef(ref)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is not an ancestor")
        .hasMessageContaining("--force");
    assertThat(b.refs().load(ref).target()).isEqualTo(v2.id());
    TransferResult forced =
        new SnapshotTransfer(a, b).copy(v1.id(), transfer().withRef(ref).withForce());
    assertThat(forced.refUpdate()).contains(RefUpdate.UPDATED);
    assertThat(b.refs().load(ref).target()).isEqualTo(v1.id());
  }

  @Test
  void anInterruptedCopyShowsNothingAndARerunSendsOnlyWhatIsMissing() throws Exception {
    Path src = tmp.resolve("src");
    for (int i = 0; i < 40; i++) {
      gen.randomFile(src.resolve("f" + i), 100_000);
    }
    Repository a = local();
    Repository b = bucket();
    gen.randomFile(tmp.resolve("old/kept.bin"), 10_000);
    Snapshot earlier = snapshot(b, tmp.resolve("old"));
    Snapshot s = snapshot(a, src);
    FailingUploads failing = new FailingUploads(b, 2);

    assertThatThrownBy(
            () ->
                new SnapshotTransfer(a, (SupportsTransfer) a, b, failing).copy(s.id(), transfer()))
        .hasMessageContaining("injected");
    assertThatThrownBy(() -> b.loadSnapshot(s.id())).isInstanceOf(NotFoundException.class);
    TransferResult resumed = new SnapshotTransfer(a, b).copy(s.id(), transfer());

    assertThat(resumed.blobsSkipped()).isPositive();
    assertThat(resumed.rawBytesSent()).isLessThan(s.totalBytes());
    assertThat(b.check(CheckOptions.READ_DATA).problems()).isEmpty();
    assertRestoresTo(b, s.id(), src);
    assertRestoresTo(b, earlier.id(), tmp.resolve("old"));
    assertThat(b.refs().load(ref).target()).isEqualTo(earlier.id());
  }

  @Test
  void aBlobCorruptAtTheSourceIsRefusedAtTheDestinationAndNothingIsVisible() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("big.bin"), 3_000_000);
    Repository a = local();
    Repository b = bucket();
    Snapshot s = snapshot(a, src);
    Path pack;
    try (var packs = Files.walk(tmp.resolve("local-0/packs"))) {
      pack =
          packs
              .filter(p -> p.toString().endsWith(".pack"))
              .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(pack);
    bytes[bytes.length / 2] ^= 0x5a;
    pack.toFile().setWritable(true);
    Files.write(pack, bytes);

    // Copied as stored, the blob is not decoded at the source: the destination catches it.
    assertThatThrownBy(() -> new SnapshotTransfer(a, b).copy(s.id(), transfer()))
        .isInstanceOf(dev.cairn.store.InvalidArgumentException.class)
        .hasMessageContaining("Cannot accept pack");
    assertThat(b.listSnapshots(Optional.empty())).isEmpty();
    assertThat(b.check(CheckOptions.READ_DATA).problems()).isEmpty();
  }

  @Test
  void anUnknownSnapshotIsNamed() {
    Repository a = local();
    Repository b = local();
    ObjectId nowhere = ObjectId.hash(new byte[] {1});
    assertThatThrownBy(() -> new SnapshotTransfer(a, b).copy(nowhere, transfer()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(nowhere.toString());
    assertThat(b.listSnapshots(Optional.empty())).isEmpty();
    assertThat(Files.exists(tmp.resolve("scratch"))).isFalse();
  }
}

package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload commits, imports and {@code missing} answers against garbage collection that condemns and
 * sweeps while a client is between its requests. Each step of a collection is taken by hand
 * (condemn, then drop what is still condemned), so every interleaving is exact: a commit either
 * revives every blob its snapshot references or fails naming the missing ones, and never makes a
 * snapshot that a following sweep leaves dangling.
 */
class UploadsAgainstGcTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private PackMaker packs;
  private final TreeGenerator gen = new TreeGenerator(11);
  private final RefName main = RefName.parse("team/main");
  private final RefName side = RefName.parse("team/side");

  /** A tree a client built, with every blob it holds. */
  private record Built(Path src, ObjectId root, CollectingSink sink) {}

  @BeforeEach
  void init() throws Exception {
    repo = (DefaultRepository) Repository.init(tmp.resolve("repo"), TestRepos.options());
    packs = new PackMaker(tmp.resolve("packs"));
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private static Built build(Path src) {
    CollectingSink sink = new CollectingSink();
    return new Built(src, sink.build(src), sink);
  }

  /** A parent tree of a few files, and a child that adds one file and keeps the rest. */
  private Built[] parentAndChild() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a.bin"), 300_000);
    gen.randomFile(src.resolve("sub/b.bin"), 200_000);
    gen.randomFile(src.resolve("sub/deeper/c.bin"), 100_000);
    Built parent = build(src);
    gen.randomFile(src.resolve("new.bin"), 150_000);
    return new Built[] {parent, build(src)};
  }

  /** What a client does before its commit: asks what is missing and sends only that. */
  private void upload(Built b) throws Exception {
    Set<ObjectId> lacking = repo.missing(b.sink().blobs.keySet());
    if (!lacking.isEmpty()) {
      var send = new TreeMap<ObjectId, CollectingSink.Blob>();
      lacking.forEach(id -> send.put(id, b.sink().blobs.get(id)));
      repo.receivePack(new ByteArrayInputStream(packs.pack(send)), 1 << 30);
    }
  }

  private SnapshotCommit commit(
      RefName ref, Built b, Optional<ObjectId> parent, RefExpectation expected) {
    return new SnapshotCommit(
        ref,
        b.root(),
        parent,
        expected,
        SnapshotKind.DATASET,
        "host:/src",
        new TreeMap<>(),
        "ann",
        "up");
  }

  private Snapshot commitParent(Built parent) throws Exception {
    upload(parent);
    return repo.commit(commit(main, parent, Optional.empty(), RefExpectation.absent())).snapshot();
  }

  /**
   * Phase 1 of a collection that ran while {@code ids} were referenced only by writes in flight.
   */
  private void condemn(Set<ObjectId> ids) {
    repo.condemned().condemn(List.copyOf(ids), Instant.now());
  }

  /** Phase 2: drops from the index whatever is still condemned; returns what it dropped. */
  private Set<ObjectId> sweep() {
    List<ObjectId> still = new ArrayList<>();
    repo.index().scan(Table.CONDEMNED, new byte[0], (k, v) -> still.add(ObjectId.of(k)));
    return new HashSet<>(repo.condemned().drop(still));
  }

  private Set<ObjectId> condemned() {
    Set<ObjectId> out = new HashSet<>();
    repo.condemned().scan((id, c) -> out.add(id));
    return out;
  }

  private void assertRestores(ObjectId snapshot, Built b) throws Exception {
    Path out = tmp.resolve("out-" + snapshot.toShortString());
    repo.restore(snapshot, "", out, Progress.NONE);
    assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(b.src()));
    assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
  }

  @Test
  void aCommitRevivesTheParentsBlobsCondemnedWhileItsUploadWasInFlight() throws Exception {
    Built[] pc = parentAndChild();
    Snapshot parent = commitParent(pc[0]);
    upload(pc[1]);
    // While the client was between its upload and its commit, a collection condemned what the
    // parent holds (it ran while the parent itself was in flight, so it did not see it).
    condemn(pc[0].sink().blobs.keySet());

    Snapshot child =
        repo.commit(
                commit(main, pc[1], Optional.of(parent.id()), RefExpectation.value(parent.id())))
            .snapshot();

    // Every blob the child references was revived, including those it shares with its parent,
    // which the verifier would otherwise skip as known to be complete. The parent is deleted
    // meanwhile: the sweep takes only what the child does not reference.
    assertThat(condemned()).doesNotContainAnyElementsOf(pc[1].sink().blobs.keySet());
    repo.deleteSnapshot(parent.id());
    assertThat(sweep()).containsExactly(pc[0].root());
    assertRestores(child.id(), pc[1]);
  }

  @Test
  void aCommitWhoseSharedBlobsWereSweptFailsNamingThemAndMakesNoSnapshot() throws Exception {
    Built[] pc = parentAndChild();
    Snapshot parent = commitParent(pc[0]);
    upload(pc[1]);
    // The parent is deleted and collected while the client is between upload and commit.
    repo.refs().delete(main, RefExpectation.any(), "test");
    repo.deleteSnapshot(parent.id());
    condemn(pc[0].sink().blobs.keySet());
    Set<ObjectId> swept = sweep();
    assertThat(swept).isEqualTo(pc[0].sink().blobs.keySet());

    assertThatThrownBy(
            () -> repo.commit(commit(main, pc[1], Optional.empty(), RefExpectation.absent())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("are not stored")
        .satisfies(e -> assertThat(swept).anyMatch(id -> e.getMessage().contains(id.toString())));
    assertThat(repo.listSnapshots(Optional.empty())).isEmpty();
    assertThat(repo.refs().find(main)).isEmpty();
    assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();

    // Uploading again (the client asks what is missing) makes the same commit succeed.
    upload(pc[1]);
    Snapshot child =
        repo.commit(commit(main, pc[1], Optional.empty(), RefExpectation.absent())).snapshot();
    assertRestores(child.id(), pc[1]);
  }

  /**
   * The child committed beside its parent and taken back out, so that importing it verifies its
   * closure beside a parent that is here.
   */
  private Snapshot toImport(Built[] pc) throws Exception {
    Snapshot parent = commitParent(pc[0]);
    upload(pc[1]);
    Snapshot child =
        repo.commit(commit(side, pc[1], Optional.of(parent.id()), RefExpectation.absent()))
            .snapshot();
    repo.refs().delete(side, RefExpectation.any(), "test");
    repo.deleteSnapshot(child.id());
    return child;
  }

  @Test
  void anImportRevivesWhatItSharesWithItsParentWhileAnythingIsCondemned() throws Exception {
    Built[] pc = parentAndChild();
    Snapshot child = toImport(pc);
    condemn(pc[1].sink().blobs.keySet());

    repo.importSnapshot(new SnapshotImport(child, Optional.of(side), RefExpectation.absent()));

    assertThat(condemned()).isEmpty();
    assertThat(sweep()).isEmpty();
    assertRestores(child.id(), pc[1]);
  }

  @Test
  void anImportWhoseBlobsWereSweptFailsNamingThemAndMakesNoSnapshot() throws Exception {
    Built[] pc = parentAndChild();
    Snapshot child = toImport(pc);
    ObjectId parent = child.parents().get(0);
    // A blob the child shares with its parent is gone (the index lost it, as after a sweep that
    // raced a parent in flight): the import must notice it even though the parent is here.
    ObjectId shared =
        pc[0].sink().blobs.entrySet().stream()
            .filter(e -> e.getValue().kind() == dev.cairn.store.BlobKind.CHUNK)
            .findFirst()
            .orElseThrow()
            .getKey();
    condemn(Set.of(shared));
    assertThat(sweep()).containsExactly(shared);
    // Something else is condemned, as between a collection's phases: with nothing condemned a
    // parent in the catalog is complete by the collector's invariant, and is trusted.
    condemn(Set.of(ObjectId.hash(new byte[] {42})));

    assertThatThrownBy(() -> repo.importSnapshot(SnapshotImport.withoutRef(child)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(shared.toString());
    assertThat(repo.listSnapshots(Optional.empty())).extracting(Snapshot::id).contains(parent);
    assertThat(repo.listSnapshots(Optional.empty()))
        .extracting(Snapshot::id)
        .doesNotContain(child.id());
  }

  @Test
  void blobsReportedPresentAreRevivedSoTheFollowingSweepKeepsThemForTheCommit() throws Exception {
    Built[] pc = parentAndChild();
    Snapshot parent = commitParent(pc[0]);
    repo.refs().delete(main, RefExpectation.any(), "test");
    repo.deleteSnapshot(parent.id());
    condemn(pc[0].sink().blobs.keySet());

    // The client learns the parent's blobs are present and will not send them.
    assertThat(repo.missing(pc[0].sink().blobs.keySet())).isEmpty();
    assertThat(condemned()).isEmpty();
    assertThat(sweep()).isEmpty();

    upload(pc[1]);
    Snapshot child =
        repo.commit(commit(main, pc[1], Optional.empty(), RefExpectation.absent())).snapshot();
    assertRestores(child.id(), pc[1]);
  }
}

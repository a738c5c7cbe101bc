package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotCommit;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots built elsewhere arrive as packs and a commit; nothing half-arrived is visible. */
class UploadTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private PackMaker packs;
  private final TreeGenerator gen = new TreeGenerator(5);
  private final RefName ref = RefName.parse("team/data");

  @BeforeEach
  void init() throws Exception {
    repo = (DefaultRepository) Repository.init(tmp.resolve("repo"), TestRepos.options());
    packs = new PackMaker(tmp.resolve("packs"));
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private CollectingSink build(Path src) {
    CollectingSink sink = new CollectingSink();
    root = sink.build(src);
    return sink;
  }

  private ObjectId root;

  private ReceivedPack send(byte[] pack) {
    return repo.receivePack(new ByteArrayInputStream(pack), 1 << 30);
  }

  private SnapshotCommit commit(ObjectId tree, Optional<ObjectId> parent, RefExpectation e) {
    return new SnapshotCommit(
        ref, tree, parent, e, SnapshotKind.DATASET, "host:/src", new TreeMap<>(), "ann", "up");
  }

  @Test
  void uploadedPacksAndACommitMakeASnapshotThatRestoresAndChecksClean() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    CollectingSink sink = build(src);
    assertThat(repo.missing(sink.blobs.keySet())).isEqualTo(sink.blobs.keySet());

    ReceivedPack received = send(packs.pack(sink.blobs));
    assertThat(received.newBlobs()).isEqualTo(sink.blobs.size());
    assertThat(repo.missing(sink.blobs.keySet())).isEmpty();
    // Sending the same pack again is harmless.
    assertThat(send(packs.pack(sink.blobs)).newBlobs()).isZero();

    SnapshotResult r = repo.commit(commit(root, Optional.empty(), RefExpectation.absent()));
    assertThat(r.refUpdate()).isEqualTo(RefUpdate.CREATED);
    assertThat(r.snapshot().rootTree()).isEqualTo(root);
    assertThat(r.snapshot().namespace()).isEqualTo("team");
    assertThat(r.snapshot().creator()).isEqualTo("ann");
    assertThat(repo.refs().load(ref).target()).isEqualTo(r.snapshot().id());
    assertThat(r.snapshot().totalFiles())
        .isEqualTo(repo.stat(r.snapshot().id(), "").fileCount())
        .isPositive();

    Path out = tmp.resolve("out");
    repo.restore(r.snapshot().id(), "", out, Progress.NONE);
    assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
    assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
  }

  @Test
  void aCommitWhoseTreeIsIncompleteIsRefusedNamingWhatIsMissing() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a"), 200_000);
    gen.randomFile(src.resolve("b"), 10);
    CollectingSink sink = build(src);
    Map<ObjectId, CollectingSink.Blob> allButOneChunk = new HashMap<>(sink.blobs);
    ObjectId dropped =
        sink.blobs.entrySet().stream()
            .filter(e -> e.getValue().kind() == dev.cairn.store.BlobKind.CHUNK)
            .findFirst()
            .orElseThrow()
            .getKey();
    allButOneChunk.remove(dropped);
    send(packs.pack(allButOneChunk));

    assertThatThrownBy(() -> repo.commit(commit(root, Optional.empty(), RefExpectation.absent())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(dropped.toString());
    assertThat(repo.listSnapshots(Optional.empty())).isEmpty();
    assertThat(repo.refs().find(ref)).isEmpty();

    send(packs.pack(Map.of(dropped, sink.blobs.get(dropped))));
    assertThat(repo.commit(commit(root, Optional.empty(), RefExpectation.absent())).refUpdate())
        .isEqualTo(RefUpdate.CREATED);
  }

  @Test
  void aPackWithABlobThatDoesNotMatchItsIdIsRefusedAndLeavesNothing() throws Exception {
    byte[] content = gen.randomBytes(5000);
    ObjectId claimed = ObjectId.hash(gen.randomBytes(10));
    assertThatThrownBy(() -> send(packs.lyingPack(claimed, content)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Cannot accept pack")
        .hasMessageContaining("does not match its id");
    assertNothingStored(claimed);
  }

  @Test
  void tornAndMalformedPacksAreRefusedAndLeaveNothing() throws Exception {
    byte[] content = gen.randomBytes(70_000);
    ObjectId id = ObjectId.hash(content);
    byte[] good =
        packs.pack(Map.of(id, new CollectingSink.Blob(dev.cairn.store.BlobKind.CHUNK, content)));
    List<byte[]> bad =
        List.of(
            Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length / 2),
            Arrays.copyOf(good, 5),
            new byte[0],
            "not a pack at all, just some words".getBytes(),
            flipped(good, 20));
    for (byte[] pack : bad) {
      assertThatThrownBy(() -> send(pack))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("Cannot accept pack");
    }
    assertNothingStored(id);
    assertThatThrownBy(() -> repo.receivePack(new ByteArrayInputStream(good), good.length - 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("larger than");
    assertNothingStored(id);
  }

  private static byte[] flipped(byte[] pack, int at) {
    byte[] copy = pack.clone();
    copy[at] ^= 0x55;
    return copy;
  }

  private void assertNothingStored(ObjectId id) throws Exception {
    assertThat(repo.missing(List.of(id))).containsExactly(id);
    try (Stream<dev.cairn.store.ObjectInfo> s = repo.backend().list(PackFormat.PREFIX)) {
      assertThat(s).isEmpty();
    }
    try (Stream<Path> s = Files.list(repo.tempDir())) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void theRefMovesOnlyIfItHoldsWhatTheCommitExpects() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a"), 100);
    CollectingSink sink = build(src);
    send(packs.pack(sink.blobs));
    SnapshotResult first = repo.commit(commit(root, Optional.empty(), RefExpectation.absent()));

    SnapshotResult stale = repo.commit(commit(root, Optional.empty(), RefExpectation.absent()));
    assertThat(stale.refUpdate()).isEqualTo(RefUpdate.CONFLICT);
    assertThat(repo.refs().load(ref).target()).isEqualTo(first.snapshot().id());

    SnapshotResult child =
        repo.commit(
            commit(
                root,
                Optional.of(first.snapshot().id()),
                RefExpectation.value(first.snapshot().id())));
    assertThat(child.refUpdate()).isEqualTo(RefUpdate.UPDATED);
    assertThat(child.snapshot().parents()).containsExactly(first.snapshot().id());
  }

  @Test
  void verificationReadsOnlyWhatDiffersFromTheParent() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("same/a"), 100);
    gen.randomFile(src.resolve("changing/b"), 100);
    CollectingSink first = build(src);
    send(packs.pack(first.blobs));
    SnapshotResult parent = repo.commit(commit(root, Optional.empty(), RefExpectation.any()));

    gen.randomFile(src.resolve("changing/b"), 120);
    CollectingSink second = build(src);
    send(packs.pack(second.blobs));
    // Unindex a chunk of the shared subtree: only a walk into that subtree could notice.
    ObjectId shared = ObjectId.hash(Files.readAllBytes(src.resolve("same/a")));
    try (var batch = repo.index().newBatch()) {
      batch.delete(dev.cairn.store.index.RocksIndex.Table.BLOBS, shared.toBytes()).commit();
    }
    assertThat(
            repo.commit(commit(root, Optional.of(parent.snapshot().id()), RefExpectation.any()))
                .refUpdate())
        .isEqualTo(RefUpdate.UPDATED);
    assertThatThrownBy(() -> repo.commit(commit(root, Optional.empty(), RefExpectation.any())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(shared.toString());
  }

  @Test
  void aParentMustExistInTheRefsNamespace() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a"), 100);
    CollectingSink sink = build(src);
    send(packs.pack(sink.blobs));
    ObjectId elsewhere =
        repo.commit(
                new SnapshotCommit(
                    RefName.parse("other/x"),
                    root,
                    Optional.empty(),
                    RefExpectation.any(),
                    SnapshotKind.OTHER,
                    "s",
                    new TreeMap<>(),
                    "c",
                    ""))
            .snapshot()
            .id();
    for (ObjectId parent : List.of(elsewhere, ObjectId.hash(new byte[] {1}))) {
      assertThatThrownBy(() -> repo.commit(commit(root, Optional.of(parent), RefExpectation.any())))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("parent " + parent + " does not exist");
    }
  }
}

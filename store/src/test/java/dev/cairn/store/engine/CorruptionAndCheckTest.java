package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.CheckReport;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.BlobLocation;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionAndCheckTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private ObjectId snapshot;
  private final TreeGenerator gen = new TreeGenerator(3);

  @BeforeEach
  void init() throws Exception {
    repo = DefaultRepository.init(tmp.resolve("repo"), TestRepos.options());
    // Large enough to be restored as several concurrent segments.
    gen.randomFile(tmp.resolve("src/victim.bin"), 3_000_000);
    gen.randomFile(tmp.resolve("src/healthy.bin"), 100_000);
    snapshot =
        repo.snapshot(SnapshotRequest.of(tmp.resolve("src"), RefName.parse("ns/data")))
            .snapshot()
            .id();
  }

  @AfterEach
  void close() {
    repo.close();
  }

  /** Flips one byte in the middle of the first chunk of a file, inside its pack on disk. */
  private void flipByteOf(String path) throws Exception {
    ObjectId fileNode = repo.stat(snapshot, path).id();
    ObjectId chunk = ObjectId.of(repo.trees().loadFile(fileNode).getChunks(0).getId());
    BlobLocation loc = repo.index().findBlob(chunk).orElseThrow();
    Path pack = tmp.resolve("repo").resolve(PackFormat.objectName(ObjectId.of(loc.getPack())));
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      long at = loc.getOffset() + loc.getStoredLength() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }

  @Test
  void aCleanRepositoryChecksClean() {
    CheckReport structure = repo.check(CheckOptions.STRUCTURE);
    assertThat(structure.problems()).isEmpty();
    assertThat(structure.snapshots()).isEqualTo(1);
    CheckReport data = repo.check(CheckOptions.READ_DATA);
    assertThat(data.problems()).isEmpty();
    assertThat(data.bytesVerified()).isPositive();
  }

  @Test
  void aFlippedByteIsReportedWithFileAndSnapshotAndNeverRestoredSilently() throws Exception {
    flipByteOf("victim.bin");
    // Structure does not read chunk data, so it stays clean; reading the data finds it.
    CheckReport r = repo.check(CheckOptions.READ_DATA);
    assertThat(r.clean()).isFalse();
    assertThat(String.join("\n", r.problems()))
        .contains("victim.bin")
        .contains(snapshot.toShortString())
        .doesNotContain("healthy.bin");

    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> repo.restore(snapshot, "", out, Progress.NONE))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining("victim.bin")
        .hasMessageContaining(snapshot.toString());
    assertThat(out.resolve("victim.bin")).doesNotExist();
    assertThat(Files.readAllBytes(out.resolve("healthy.bin")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("src/healthy.bin")));
  }

  @Test
  void aMissingPackIsAStructureProblem() throws Exception {
    ObjectId fileNode = repo.stat(snapshot, "victim.bin").id();
    ObjectId chunk = ObjectId.of(repo.trees().loadFile(fileNode).getChunks(0).getId());
    ObjectId pack = ObjectId.of(repo.index().findBlob(chunk).orElseThrow().getPack());
    Files.delete(tmp.resolve("repo").resolve(PackFormat.objectName(pack)));
    CheckReport r = repo.check(CheckOptions.STRUCTURE);
    assertThat(String.join("\n", r.problems())).contains("victim.bin").contains("missing");
  }

  @Test
  void rebuildingTheIndexFromPacksRestoresEverything() throws Exception {
    gen.randomFile(tmp.resolve("src/more.bin"), 300_000);
    ObjectId second =
        repo.snapshot(SnapshotRequest.of(tmp.resolve("src"), RefName.parse("ns/data")))
            .snapshot()
            .id();
    repo.refs().tag(RefName.parse("ns/v1"), snapshot, "tag");
    repo.close();
    // Lose the whole index: everything must come back from the backend.
    try (var s = Files.walk(tmp.resolve("repo/index"))) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    repo = DefaultRepository.open(tmp.resolve("repo"), TestRepos.options());
    assertThat(repo.refs().find(RefName.parse("ns/data"))).isEmpty();
    CheckReport rebuilt = repo.rebuildIndex();
    assertThat(rebuilt.problems()).isEmpty();
    assertThat(rebuilt.snapshots()).isEqualTo(2);
    assertThat(repo.refs().load(RefName.parse("ns/data")).target()).isEqualTo(second);
    assertThat(repo.refs().load(RefName.parse("ns/v1")).tag()).isTrue();
    assertThat(repo.refs().log(RefName.parse("ns/data"))).hasSize(2);
    assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
    repo.restore(second, "", tmp.resolve("out"), Progress.NONE);
    assertThat(TreeGenerator.describe(tmp.resolve("out")))
        .isEqualTo(TreeGenerator.describe(tmp.resolve("src")));
  }

  @Test
  void aCorruptIndexEntryIsReportedNotTrusted() {
    // Point a chunk at the wrong offset: reads fail verification instead of returning wrong bytes.
    ObjectId fileNode = repo.stat(snapshot, "victim.bin").id();
    ObjectId chunk = ObjectId.of(repo.trees().loadFile(fileNode).getChunks(0).getId());
    BlobLocation loc = repo.index().findBlob(chunk).orElseThrow();
    try (var batch = repo.index().newBatch()) {
      batch.put(
          Table.BLOBS, chunk.toBytes(), loc.toBuilder().setOffset(loc.getOffset() + 1).build());
      batch.commitDurably();
    }
    assertThatThrownBy(() -> repo.cat(snapshot, "victim.bin", new java.io.ByteArrayOutputStream()))
        .isInstanceOf(CorruptException.class);
    assertThat(repo.refs().find(RefName.parse("ns/data"))).isPresent();
    assertThat(Optional.of(repo.check(CheckOptions.STRUCTURE))).isPresent();
  }

  @Test
  void openingSomethingThatIsNotARepositoryIsNotFound() {
    assertThatThrownBy(() -> Repository.open(tmp.resolve("nothing")))
        .isInstanceOf(dev.cairn.store.NotFoundException.class)
        .hasMessageContaining("cairn init");
  }
}

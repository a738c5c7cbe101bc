package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.RestoreResult;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRoundTripTest {
  @TempDir Path tmp;
  private Repository repo;
  private final TreeGenerator gen = new TreeGenerator(7);
  private final RefName ref = RefName.parse("team/data");

  @BeforeEach
  void init() {
    repo = newRepository(TestRepos.options());
  }

  /** The repository under test; subclasses run every test against other locations. */
  protected Repository newRepository(RepositoryOptions options) {
    return Repository.init(tmp.resolve("repo"), options);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void restoreReproducesContentModesTimesSymlinksAndEmptyDirs() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    SortedMap<String, String> before = TreeGenerator.describe(src);

    SnapshotResult r =
        repo.snapshot(
            SnapshotRequest.of(src, ref)
                .withKind(SnapshotKind.DATASET)
                .withMessage("m")
                .withLabels(Map.of("k", "v")));
    Path out = tmp.resolve("out");
    RestoreResult restored = repo.restore(r.snapshot().id(), "", out, Progress.NONE);

    assertThat(TreeGenerator.describe(out)).isEqualTo(before);
    assertThat(restored.files()).isEqualTo(r.snapshot().totalFiles());
    Snapshot s = repo.loadSnapshot(r.snapshot().id());
    assertThat(s.kind()).isEqualTo(SnapshotKind.DATASET);
    assertThat(s.labels()).containsEntry("k", "v");
    assertThat(s.namespace()).isEqualTo("team");
    assertThat(repo.refs().load(ref).target()).isEqualTo(s.id());
  }

  @Test
  void restoreOfOnePathAndCatReturnExactBytes() throws Exception {
    Path src = tmp.resolve("src");
    byte[] big = gen.randomBytes(5_000_000);
    gen.file(src.resolve("a/b/big.bin"), big);
    gen.randomFile(src.resolve("a/c/other"), 10);
    var id = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();

    repo.restore(id, "a/b", tmp.resolve("sub"), Progress.NONE);
    assertThat(Files.readAllBytes(tmp.resolve("sub/big.bin"))).isEqualTo(big);
    assertThat(tmp.resolve("sub/other")).doesNotExist();

    repo.restore(id, "/a/b/big.bin", tmp.resolve("single.bin"), Progress.NONE);
    assertThat(Files.readAllBytes(tmp.resolve("single.bin"))).isEqualTo(big);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    repo.cat(id, "a/b/big.bin", out);
    assertThat(out.toByteArray()).isEqualTo(big);
  }

  @Test
  void listingShowsEntriesWithSizes() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("d/x"), 100);
    gen.randomFile(src.resolve("d/y"), 50);
    gen.randomFile(src.resolve("top"), 7);
    var id = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
    assertThat(repo.list(id, ""))
        .extracting(Entry::name, Entry::type, Entry::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("d", EntryType.DIR, 150L),
            org.assertj.core.groups.Tuple.tuple("top", EntryType.FILE, 7L));
    assertThat(repo.list(id, "d")).extracting(Entry::path).containsExactly("d/x", "d/y");
    assertThat(repo.stat(id, "").fileCount()).isEqualTo(3);
    assertThatThrownBy(() -> repo.list(id, "nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> repo.list(id, "d/../..")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void sameContentGivesTheSameTreeIdsEvenFromAnotherDirectory() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    gen.mixedTree(a, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    repo.restore(repo.snapshot(SnapshotRequest.of(a, ref)).snapshot().id(), "", b, Progress.NONE);
    Snapshot sa = repo.loadSnapshot(repo.resolve("team/data"));
    Snapshot sb = repo.snapshot(SnapshotRequest.of(b, RefName.parse("team/copy"))).snapshot();
    assertThat(repo.diff(sa.id(), sb.id())).isEmpty();
    assertThat(sb.rootTree()).isEqualTo(sa.rootTree());
  }

  @Test
  void restoreRefusesANonEmptyTargetAndLeavesItAlone() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("f"), 10);
    var id = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
    Path target = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(target.resolve("keep"), "mine");
    assertThatThrownBy(() -> repo.restore(id, "", target, Progress.NONE))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not empty");
    assertThat(Files.readString(target.resolve("keep"))).isEqualTo("mine");
  }

  @Test
  void snapshotOfAFileOrMissingPathIsAClearError() throws Exception {
    Path f = gen.randomFile(tmp.resolve("plain"), 3);
    assertThatThrownBy(() -> repo.snapshot(SnapshotRequest.of(f, ref)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> repo.snapshot(SnapshotRequest.of(tmp.resolve("missing"), ref)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aSnapshotOfATreeContainingTheRepositorySkipsTheRepository() throws Exception {
    Path root = tmp.resolve("outer");
    gen.randomFile(root.resolve("data.bin"), 100);
    try (Repository inner = Repository.init(root.resolve(".cairn"), TestRepos.options())) {
      Snapshot s = inner.snapshot(SnapshotRequest.of(root, ref)).snapshot();
      assertThat(inner.list(s.id(), "")).extracting(Entry::name).containsExactly("data.bin");
    }
  }
}

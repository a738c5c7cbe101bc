package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.BuiltTree;
import dev.cairn.store.FileStat;
import dev.cairn.store.FileStatCache;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.TreeBuilder;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeBuilderTest {
  @TempDir Path tmp;
  private final TreeGenerator gen = new TreeGenerator(11);

  /** A stat cache in memory, keyed by path and stat data. */
  static final class MapCache implements FileStatCache {
    final Map<String, ObjectId> nodes = new ConcurrentHashMap<>();

    @Override
    public Optional<ObjectId> find(Path file, FileStat stat) {
      return Optional.ofNullable(nodes.get(file + " " + stat));
    }

    @Override
    public void remember(Path file, FileStat stat, ObjectId fileNode) {
      nodes.put(file + " " + stat, fileNode);
    }
  }

  @Test
  void buildsTheSameRootTreeAsALocalSnapshotAndSendsEveryBlobOfIt() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    Snapshot local;
    try (Repository repo = Repository.init(tmp.resolve("repo"), TestRepos.options())) {
      local = repo.snapshot(SnapshotRequest.of(src, RefName.parse("ns/r"))).snapshot();
    }
    CollectingSink sink = new CollectingSink();
    BuiltTree built;
    try (TreeBuilder builder =
        TreeBuilder.create(TestRepos.SMALL_CHUNKS, 2, TestRepos.aheadOfFiles())) {
      built = builder.build(src, sink, FileStatCache.NONE, Progress.NONE);
    }
    assertThat(built.root()).isEqualTo(local.rootTree());
    assertThat(built.totalFiles()).isEqualTo(local.totalFiles());
    assertThat(built.totalBytes()).isEqualTo(local.totalBytes());
    assertThat(sink.blobs).containsKey(built.root());

    // Everything the tree references arrived: it restores from the sink alone.
    Path out = tmp.resolve("out");
    try (var restorer =
        dev.cairn.store.SnapshotRestorer.over(id -> sink.blobs.get(id).bytes(), 2)) {
      restorer.restore(local, "", out, Progress.NONE);
    }
    assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
  }

  @Test
  void restoringFromASourceThatCorruptsAChunkFailsWithoutWritingThatFile() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("good"), 1000);
    byte[] bad = gen.randomBytes(1000);
    gen.file(src.resolve("bad"), bad);
    Snapshot local;
    try (Repository repo = Repository.init(tmp.resolve("repo"), TestRepos.options())) {
      local = repo.snapshot(SnapshotRequest.of(src, RefName.parse("ns/r"))).snapshot();
      ObjectId badChunk = ObjectId.hash(bad);
      DefaultRepository source = (DefaultRepository) repo;
      Path out = tmp.resolve("out");
      try (var restorer =
          dev.cairn.store.SnapshotRestorer.over(
              id -> id.equals(badChunk) ? new byte[1000] : source.blobs().get(id), 2)) {
        assertThatThrownBy(() -> restorer.restore(local, "", out, Progress.NONE))
            .isInstanceOf(dev.cairn.store.CorruptException.class)
            .hasMessageContaining("file bad");
      }
      assertThat(out.resolve("good")).exists();
      assertThat(out.resolve("bad")).doesNotExist();
    }
  }

  @Test
  void aStatCacheSkipsReadingUnchangedFilesAndChangedFilesAreReadAgain() throws Exception {
    Path src = tmp.resolve("src");
    for (int i = 0; i < 20; i++) {
      gen.randomFile(src.resolve("d" + (i % 3) + "/f" + i), 1000 + i * 5000);
    }
    MapCache cache = new MapCache();
    try (TreeBuilder builder =
        TreeBuilder.create(TestRepos.SMALL_CHUNKS, 2, TestRepos.aheadOfFiles())) {
      BuiltTree first = builder.build(src, new CollectingSink(), cache, Progress.NONE);
      assertThat(first.filesRead()).isEqualTo(20);
      assertThat(cache.nodes).hasSize(20);

      BuiltTree again = builder.build(src, new CollectingSink(), cache, Progress.NONE);
      assertThat(again.root()).isEqualTo(first.root());
      assertThat(again.filesRead()).isZero();
      assertThat(again.filesReused()).isEqualTo(20);

      gen.randomFile(src.resolve("d1/f4"), 777);
      BuiltTree changed = builder.build(src, new CollectingSink(), cache, Progress.NONE);
      assertThat(changed.filesRead()).isEqualTo(1);
      assertThat(changed.root()).isNotEqualTo(first.root());
    }
  }

  @Test
  void filesChangedJustBeforeTheBuildAreNotRemembered() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("fresh"), 100);
    MapCache cache = new MapCache();
    try (TreeBuilder builder =
        TreeBuilder.create(TestRepos.SMALL_CHUNKS, 1, java.time.Clock.systemUTC())) {
      builder.build(src, new CollectingSink(), cache, Progress.NONE);
    }
    assertThat(cache.nodes).isEmpty();
  }

  @Test
  void refusesASourceThatIsNotADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    try (TreeBuilder builder =
        TreeBuilder.create(TestRepos.SMALL_CHUNKS, 1, java.time.Clock.systemUTC())) {
      assertThatThrownBy(
              () -> builder.build(file, new CollectingSink(), FileStatCache.NONE, Progress.NONE))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("not a directory");
    }
  }
}

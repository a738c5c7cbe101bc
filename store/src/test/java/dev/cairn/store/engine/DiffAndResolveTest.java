package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.DiffEntry;
import dev.cairn.store.DiffEntry.Change;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffAndResolveTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private final TreeGenerator gen = new TreeGenerator(9);
  private final RefName ref = RefName.parse("ns/d");

  @BeforeEach
  void init() {
    repo = DefaultRepository.init(tmp.resolve("repo"), TestRepos.options());
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void diffReportsAddedRemovedModifiedTypeAndMetadataChanges() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("same/unchanged"), 100);
    gen.randomFile(src.resolve("mod"), 100);
    gen.randomFile(src.resolve("gone/a"), 10);
    gen.randomFile(src.resolve("gone/b"), 20);
    gen.randomFile(src.resolve("becomes-dir"), 5);
    gen.randomFile(src.resolve("touched"), 5);
    ObjectId a = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();

    gen.randomFile(src.resolve("mod"), 150);
    Files.delete(src.resolve("gone/a"));
    Files.delete(src.resolve("gone/b"));
    Files.delete(src.resolve("gone"));
    Files.delete(src.resolve("becomes-dir"));
    gen.randomFile(src.resolve("becomes-dir/x"), 1);
    gen.randomFile(src.resolve("new/deep/file"), 42);
    Files.setLastModifiedTime(src.resolve("touched"), FileTime.fromMillis(1_000_000));
    ObjectId b = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();

    List<DiffEntry> diff = repo.diff(a, b);
    assertThat(diff)
        .extracting(DiffEntry::path, DiffEntry::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("becomes-dir", Change.TYPE_CHANGED),
            org.assertj.core.groups.Tuple.tuple("gone/a", Change.REMOVED),
            org.assertj.core.groups.Tuple.tuple("gone/b", Change.REMOVED),
            org.assertj.core.groups.Tuple.tuple("mod", Change.MODIFIED),
            org.assertj.core.groups.Tuple.tuple("new/deep/file", Change.ADDED),
            org.assertj.core.groups.Tuple.tuple("touched", Change.METADATA));
    assertThat(diff.get(3).oldSize()).isEqualTo(100);
    assertThat(diff.get(3).newSize()).isEqualTo(150);
    assertThat(repo.diff(a, a)).isEmpty();
  }

  @Test
  void snapshotsResolveByIdPrefixOrRef() throws Exception {
    gen.randomFile(tmp.resolve("src/f"), 10);
    ObjectId id = repo.snapshot(SnapshotRequest.of(tmp.resolve("src"), ref)).snapshot().id();
    assertThat(repo.resolve(id.toString())).isEqualTo(id);
    assertThat(repo.resolve(id.toString().substring(0, 8))).isEqualTo(id);
    assertThat(repo.resolve(id.toString().substring(0, 9).toUpperCase())).isEqualTo(id);
    assertThat(repo.resolve("ns/d")).isEqualTo(id);
    assertThatThrownBy(() -> repo.resolve(id.toString().substring(0, 7)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at least 8");
    assertThatThrownBy(() -> repo.resolve("ns/nope")).isInstanceOf(NotFoundException.class);
    String absent = id.toString().charAt(0) == '0' ? "11111111" : "00000000";
    assertThatThrownBy(() -> repo.resolve(absent))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(absent);
    assertThatThrownBy(() -> repo.resolve("not-hex!")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void anAmbiguousPrefixNamesTheCandidates() throws Exception {
    gen.randomFile(tmp.resolve("src/f"), 10);
    ObjectId id = repo.snapshot(SnapshotRequest.of(tmp.resolve("src"), ref)).snapshot().id();
    // A second catalog key that shares the first 8 hex digits.
    byte[] twin = id.toBytes();
    twin[31] ^= 1;
    try (var batch = repo.index().newBatch()) {
      batch.put(
          Table.SNAPSHOTS, twin, repo.index().get(Table.SNAPSHOTS, id.toBytes()).orElseThrow());
      batch.commit();
    }
    String prefix = id.toString().substring(0, 8);
    assertThatThrownBy(() -> repo.resolve(prefix))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("ambiguous")
        .hasMessageContaining(id.toShortString())
        .hasMessageContaining(HexFormat.of().formatHex(twin).substring(0, 12));
    assertThat(repo.resolve(id.toString())).isEqualTo(id);
  }
}

package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeReadAndDeleteTest {
  @TempDir Path tmp;
  private final TreeGenerator gen = new TreeGenerator(5);
  private final RefName ref = RefName.parse("ns/data");

  @Test
  void rangesAcrossChunkBoundariesReturnExactlyThoseBytes() throws Exception {
    byte[] data = gen.randomBytes(3 << 20);
    gen.file(tmp.resolve("src/big.bin"), data);
    try (Repository repo = Repository.init(tmp.resolve("repo"), TestRepos.options())) {
      ObjectId id = repo.snapshot(SnapshotRequest.of(tmp.resolve("src"), ref)).snapshot().id();
      long[][] ranges = {
        {0, 1},
        {0, data.length},
        {1, 100_000},
        {65_535, 300_000},
        {data.length - 7, 7},
        {data.length - 7, 1000},
        {data.length, 10},
        {123_457, 0},
        {2_000_000, Long.MAX_VALUE}
      };
      for (long[] r : ranges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = repo.cat(id, "big.bin", r[0], r[1], out);
        int from = (int) Math.min(r[0], data.length);
        int to = (int) Math.min(data.length, from + Math.min(r[1], data.length));
        assertThat(out.toByteArray())
            .as("range %d+%d", r[0], r[1])
            .isEqualTo(Arrays.copyOfRange(data, from, to));
        assertThat(n).isEqualTo(to - from);
      }
      assertThatThrownBy(() -> repo.cat(id, "big.bin", -1, 5, new ByteArrayOutputStream()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("invalid range");
    }
  }

  @Test
  void aDeletedSnapshotIsGoneEvenAfterAnIndexRebuildAndHistoryStopsAtIt() throws Exception {
    Path src = tmp.resolve("src");
    gen.file(src.resolve("a.txt"), "one".getBytes());
    Path repoDir = tmp.resolve("repo");
    ObjectId first;
    ObjectId second;
    try (Repository repo = Repository.init(repoDir, TestRepos.options())) {
      first = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
      gen.file(src.resolve("a.txt"), "two".getBytes());
      second = repo.snapshot(SnapshotRequest.of(src, ref)).snapshot().id();
      assertThat(repo.deleteSnapshot(first)).isTrue();
      assertThat(repo.deleteSnapshot(first)).isFalse();
      assertThatThrownBy(() -> repo.loadSnapshot(first)).isInstanceOf(NotFoundException.class);
      assertThat(repo.listSnapshots(Optional.empty()))
          .extracting(s -> s.id())
          .containsExactly(second);
      assertThat(repo.history(ref)).extracting(s -> s.id()).containsExactly(second);
      repo.rebuildIndex();
      assertThat(repo.listSnapshots(Optional.empty()))
          .extracting(s -> s.id())
          .containsExactly(second);
      // The data of the remaining snapshot is intact.
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      repo.cat(second, "a.txt", out);
      assertThat(out.toString()).isEqualTo("two");
    }
  }
}

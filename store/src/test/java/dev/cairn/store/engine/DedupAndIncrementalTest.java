package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupAndIncrementalTest {
  @TempDir Path tmp;
  private final TreeGenerator gen = new TreeGenerator(11);
  private final RefName ref = RefName.parse("ns/data");

  private Repository repo(Clock clock) {
    return newRepository(TestRepos.options().withClock(clock));
  }

  /** The repository under test; subclasses run every test against other locations. */
  protected Repository newRepository(RepositoryOptions options) {
    return Repository.init(tmp.resolve("repo"), options);
  }

  @Test
  void aSecondSnapshotOfUnchangedDataAddsNoBlobs() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    try (Repository repo = repo(Clock.systemUTC())) {
      SnapshotResult first = repo.snapshot(SnapshotRequest.of(src, ref));
      assertThat(first.blobsAdded()).isPositive();
      // No parent: every file is read again, and every chunk, file node and tree deduplicates.
      SnapshotResult second = repo.snapshot(SnapshotRequest.of(src, ref).withoutParent());
      assertThat(second.filesRead()).isEqualTo(first.filesRead());
      assertThat(second.blobsAdded()).isZero();
      assertThat(second.snapshot().rootTree()).isEqualTo(first.snapshot().rootTree());
    }
  }

  @Test
  void anInsertInTheMiddleOfABigFileStoresOnlyAFewChunks() throws Exception {
    Path src = tmp.resolve("src");
    byte[] data = gen.randomBytes(8 << 20);
    gen.file(src.resolve("big.bin"), data);
    try (Repository repo = repo(Clock.systemUTC())) {
      SnapshotResult first = repo.snapshot(SnapshotRequest.of(src, ref));
      byte[] edited = new byte[data.length + 1000];
      System.arraycopy(data, 0, edited, 0, 4 << 20);
      System.arraycopy(gen.randomBytes(1000), 0, edited, 4 << 20, 1000);
      System.arraycopy(data, 4 << 20, edited, (4 << 20) + 1000, data.length - (4 << 20));
      Files.write(src.resolve("big.bin"), edited);
      SnapshotResult second = repo.snapshot(SnapshotRequest.of(src, ref));
      long chunks = first.blobsAdded() - 2; // minus file node and tree
      assertThat(chunks).isGreaterThan(60);
      // At most a couple of new chunks, one file node and one tree.
      assertThat(second.blobsAdded()).isLessThanOrEqualTo(5);
      assertThat(second.rawBytesAdded()).isLessThan(4L * TestRepos.SMALL_CHUNKS.maxSize());
    }
  }

  @Test
  void unchangedFilesAreNotReadAgain() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    try (Repository repo = repo(TestRepos.aheadOfFiles())) {
      SnapshotResult first = repo.snapshot(SnapshotRequest.of(src, ref));
      SnapshotResult second = repo.snapshot(SnapshotRequest.of(src, ref));
      assertThat(second.filesRead()).isZero();
      assertThat(second.filesReused()).isEqualTo(first.filesRead());
      assertThat(second.snapshot().rootTree()).isEqualTo(first.snapshot().rootTree());
      assertThat(second.snapshot().parents()).containsExactly(first.snapshot().id());

      Files.writeString(src.resolve("wide/file-3"), "changed");
      SnapshotResult third = repo.snapshot(SnapshotRequest.of(src, ref));
      assertThat(third.filesRead()).isEqualTo(1);
      repo.restore(third.snapshot().id(), "", tmp.resolve("out"), Progress.NONE);
      assertThat(TreeGenerator.describe(tmp.resolve("out"))).isEqualTo(TreeGenerator.describe(src));
    }
  }

  @Test
  void filesModifiedNearTheSnapshotStartAreReadAgain() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("fresh"), 1000);
    // The real clock: the file was written within the racy window, so its stat cannot be trusted.
    try (Repository repo = repo(Clock.systemUTC())) {
      repo.snapshot(SnapshotRequest.of(src, ref));
      SnapshotResult second = repo.snapshot(SnapshotRequest.of(src, ref));
      assertThat(second.filesRead()).isEqualTo(1);
      assertThat(second.filesReused()).isZero();
    }
  }

  @Test
  void aChangeThatKeepsSizeAndMtimeIsStillSeenThroughCtimeOrInode() throws Exception {
    Path src = tmp.resolve("src");
    Path f = gen.randomFile(src.resolve("f"), 1000);
    var mtime = Files.getLastModifiedTime(f);
    try (Repository repo = repo(TestRepos.aheadOfFiles())) {
      repo.snapshot(SnapshotRequest.of(src, ref));
      byte[] other = gen.randomBytes(1000);
      Files.write(f, other);
      Files.setLastModifiedTime(f, mtime);
      SnapshotResult second = repo.snapshot(SnapshotRequest.of(src, ref));
      assertThat(second.filesRead()).isEqualTo(1);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      repo.cat(second.snapshot().id(), "f", out);
      assertThat(out.toByteArray()).isEqualTo(other);
    }
  }
}

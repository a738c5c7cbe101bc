package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real overlayfs mount over a restored snapshot: snapshotting only its upper layer on top of the
 * lower snapshot gives exactly what the merged mount shows. Needs root (mount); skips otherwise.
 */
class OverlaySnapshotTest {
  @TempDir Path tmp;
  private Repository repo;
  private Path merged;
  private final TreeGenerator gen = new TreeGenerator(21);

  @BeforeEach
  void init() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "overlay mounts need root; skipping");
    repo =
        Repository.init(
            tmp.resolve("repo"), TestRepos.options().withClock(TestRepos.aheadOfFiles()));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (merged != null) {
      run("umount", merged.toString());
    }
    if (repo != null) {
      repo.close();
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  @Test
  void theUpperLayerOverTheLowerSnapshotIsWhatTheMountShows() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("keep/big.bin"), 2_000_000);
    gen.randomFile(src.resolve("keep/small.txt"), 100);
    gen.randomFile(src.resolve("edit.txt"), 1000);
    gen.randomFile(src.resolve("remove.txt"), 10);
    gen.randomFile(src.resolve("old-dir/a"), 10);
    gen.randomFile(src.resolve("old-dir/b"), 10);
    gen.randomFile(src.resolve("replaced-dir/x"), 10);
    gen.randomFile(src.resolve("rename-me"), 10);
    ObjectId lowerId =
        repo.snapshot(SnapshotRequest.of(src, RefName.parse("csi/base"))).snapshot().id();

    Path lower = tmp.resolve("lower");
    repo.restore(lowerId, "", lower, Progress.NONE);
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path mnt = Files.createDirectories(tmp.resolve("merged"));
    run(
        "mount",
        "-t",
        "overlay",
        "overlay",
        "-o",
        "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work + ",userxattr",
        mnt.toString());
    merged = mnt;

    Files.writeString(mnt.resolve("edit.txt"), "edited in the volume");
    Files.delete(mnt.resolve("remove.txt"));
    Files.delete(mnt.resolve("old-dir/a"));
    Files.delete(mnt.resolve("old-dir/b"));
    Files.delete(mnt.resolve("old-dir"));
    Files.delete(mnt.resolve("replaced-dir/x"));
    Files.delete(mnt.resolve("replaced-dir"));
    gen.randomFile(mnt.resolve("replaced-dir/y"), 20);
    Files.move(mnt.resolve("rename-me"), mnt.resolve("renamed"));
    gen.randomFile(mnt.resolve("new/deep/file"), 5000);

    SnapshotResult r =
        repo.snapshot(
            SnapshotRequest.of(upper, RefName.parse("csi/vol")).withOverlayLower(lowerId));
    Path out = tmp.resolve("out");
    repo.restore(r.snapshot().id(), "", out, Progress.NONE);

    assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(mnt));
    // Only what the volume changed was read: the edit, the renamed file, the new files.
    assertThat(r.filesRead()).isEqualTo(4);
    assertThat(r.snapshot().totalFiles()).isEqualTo(6);
    // The untouched subtree is shared with the lower snapshot, not rewritten.
    assertThat(repo.stat(r.snapshot().id(), "keep").id())
        .isEqualTo(repo.stat(lowerId, "keep").id());
    assertThat(List.of(Files.list(upper).toArray())).isNotEmpty();
  }
}

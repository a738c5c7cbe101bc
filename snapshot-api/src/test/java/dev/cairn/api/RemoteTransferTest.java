package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.TransferOptions;
import dev.cairn.store.TransferResult;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import dev.cairn.store.transfer.SnapshotTransfer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshots pushed to and pulled from a server keep their ids, creators and bytes. */
class RemoteTransferTest extends RemoteFixture {
  private final TreeGenerator gen = new TreeGenerator(5);
  private final RefName ref = RefName.parse("team-a/models");

  private TransferOptions transfer() {
    return TransferOptions.defaults().withTempDir(tmp.resolve("scratch")).withRef(ref);
  }

  private Snapshot localSnapshot(Repository local, Path src) {
    return local
        .snapshot(SnapshotRequest.of(src, ref).withCreator("ann").withLabels(Map.of("k", "v")))
        .snapshot();
  }

  @Test
  void aPushedSnapshotKeepsItsIdAndAPullBringsItBackBitForBit() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    try (Repository local = Repository.init(tmp.resolve("local"), TestRepos.options());
        Repository back = Repository.init(tmp.resolve("back"), TestRepos.options());
        RemoteRepository remote = remote(writer)) {
      Snapshot s = localSnapshot(local, src);

      TransferResult pushed = new SnapshotTransfer(local, remote).copy(s.id(), transfer());
      TransferResult pulled = new SnapshotTransfer(remote, back).copy(s.id(), transfer());

      assertThat(pushed.refUpdate()).contains(RefUpdate.CREATED);
      assertThat(repo.loadSnapshot(s.id())).isEqualTo(s);
      assertThat(repo.loadSnapshot(s.id()).creator()).isEqualTo("ann");
      assertThat(repo.refs().load(ref).target()).isEqualTo(s.id());
      assertThat(pulled.copied()).containsExactly(s.id());
      Path out = tmp.resolve("out");
      back.restore(s.id(), "", out, Progress.NONE);
      assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
      assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
    }
  }

  @Test
  void aTokenWithoutWriteAccessToTheNamespaceCannotPush() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a.bin"), 10_000);
    try (Repository local = Repository.init(tmp.resolve("local"), TestRepos.options());
        RemoteRepository remote = remote(reader)) {
      Snapshot s = localSnapshot(local, src);
      assertThatThrownBy(() -> new SnapshotTransfer(local, remote).copy(s.id(), transfer()))
          .isInstanceOf(InvalidArgumentException.class);
    }
    assertThat(repo.listSnapshots(java.util.Optional.empty())).isEmpty();
  }

  @Test
  void anImportIntoAnotherNamespaceIsRefused() throws Exception {
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a.bin"), 10_000);
    try (Repository local = Repository.init(tmp.resolve("local"), TestRepos.options())) {
      Snapshot s = localSnapshot(local, src);
      String body = "{\"snapshot\":" + Json.mapper().writeValueAsString(s) + "}";
      Res r = postJson("/api/v1/namespaces/team-b/snapshots/import", admin, body);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.text()).contains("belongs to namespace team-a");
    }
  }
}

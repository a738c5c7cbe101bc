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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

  /** Requests the server has answered on {@code route} (a route template), from its metrics. */
  private long requestsOn(String route) {
    return get("/metrics", admin)
        .text()
        .lines()
        .filter(l -> l.startsWith("cairn_http_server_requests_seconds_count{"))
        .filter(l -> l.contains("route=\"" + route + "\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void aPullFetchesFileNodesAndChunksInBatchesNotOneRequestEach() throws Exception {
    Path src = tmp.resolve("src");
    gen.mixedTree(src, TestRepos.SMALL_CHUNKS.minSize(), TestRepos.SMALL_CHUNKS.maxSize());
    long files;
    long dirs;
    try (Stream<Path> all = Files.walk(src)) {
      List<Path> paths = all.toList();
      files = paths.stream().filter(Files::isRegularFile).count();
      dirs = paths.stream().filter(Files::isDirectory).count();
    }
    try (Repository local = Repository.init(tmp.resolve("local"), TestRepos.options());
        Repository back = Repository.init(tmp.resolve("back"), TestRepos.options());
        RemoteRepository remote = remote(writer)) {
      Snapshot s = localSnapshot(local, src);
      new SnapshotTransfer(local, remote).copy(s.id(), transfer());
      long single = requestsOn("/api/v1/namespaces/{ns}/blobs/{id}");
      long batched = requestsOn("/api/v1/namespaces/{ns}/blobs/stored");

      new SnapshotTransfer(remote, back).copy(s.id(), transfer());

      // Only trees still come one per request (a tree names what to fetch next).
      assertThat(requestsOn("/api/v1/namespaces/{ns}/blobs/{id}") - single)
          .isLessThanOrEqualTo(dirs);
      assertThat(requestsOn("/api/v1/namespaces/{ns}/blobs/stored") - batched)
          .isPositive()
          .isLessThan(files);
      Path out = tmp.resolve("out");
      back.restore(s.id(), "", out, Progress.NONE);
      assertThat(TreeGenerator.describe(out)).isEqualTo(TreeGenerator.describe(src));
    }
  }
}

package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.CheckOptions;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An overlay snapshot keeps the lower snapshot's entries that its upper layer does not mention
 * without reading or storing them. The lower snapshot may hold blobs that garbage collection
 * condemned while it was in flight (they wait for the next mark to pardon them) and may be deleted
 * before that mark: so the overlay snapshot must revive them itself.
 */
class OverlayLowerRevivalTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private final TreeGenerator gen = new TreeGenerator(8);

  @BeforeEach
  void init() {
    repo =
        (DefaultRepository)
            Repository.init(
                tmp.resolve("repo"), TestRepos.options().withClock(TestRepos.aheadOfFiles()));
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private List<ObjectId> indexed(Table table) {
    List<ObjectId> out = new ArrayList<>();
    repo.index().scan(table, new byte[0], (k, v) -> out.add(ObjectId.of(k)));
    return out;
  }

  @Test
  void anOverlaySnapshotRevivesWhatItKeepsFromTheLowerSnapshot() throws Exception {
    Path lowerSrc = tmp.resolve("lower");
    gen.randomFile(lowerSrc.resolve("data/big.bin"), 400_000);
    gen.randomFile(lowerSrc.resolve("data/small.txt"), 100);
    gen.randomFile(lowerSrc.resolve("top.bin"), 50_000);
    RefName base = RefName.parse("csi/base");
    ObjectId lower = repo.snapshot(SnapshotRequest.of(lowerSrc, base)).snapshot().id();
    // A collection marked while the lower snapshot was in flight and condemned all it holds.
    repo.condemned().condemn(indexed(Table.BLOBS), Instant.now());

    Path upper = tmp.resolve("upper");
    gen.randomFile(upper.resolve("new.txt"), 1000);
    ObjectId vol =
        repo.snapshot(SnapshotRequest.of(upper, RefName.parse("csi/vol")).withOverlayLower(lower))
            .snapshot()
            .id();

    Set<ObjectId> stillCondemned = new HashSet<>(indexed(Table.CONDEMNED));
    assertThat(stillCondemned).as("blobs the overlay snapshot kept unrevived").isEmpty();

    // The lower snapshot goes (its volume was deleted); a sweep takes what is still condemned.
    repo.refs().delete(base, RefExpectation.any(), "test");
    repo.deleteSnapshot(lower);
    repo.condemned().drop(indexed(Table.CONDEMNED));
    Path out = tmp.resolve("out");
    repo.restore(vol, "", out, Progress.NONE);
    assertThat(out.resolve("data/big.bin"))
        .hasSameBinaryContentAs(lowerSrc.resolve("data/big.bin"));
    assertThat(out.resolve("new.txt")).hasSameBinaryContentAs(upper.resolve("new.txt"));
    assertThat(repo.check(CheckOptions.READ_DATA).problems()).isEmpty();
  }
}

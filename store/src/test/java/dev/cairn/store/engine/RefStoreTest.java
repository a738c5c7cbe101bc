package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefLogEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.RefStore;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefStoreTest {
  @TempDir Path tmp;
  private Repository repo;
  private RefStore refs;
  private ObjectId a;
  private ObjectId b;
  private final RefName main = RefName.parse("ns/main");

  @BeforeEach
  void init() throws Exception {
    repo = Repository.init(tmp.resolve("repo"), TestRepos.options());
    refs = repo.refs();
    TreeGenerator gen = new TreeGenerator(5);
    gen.randomFile(tmp.resolve("s1/f"), 10);
    gen.randomFile(tmp.resolve("s2/f"), 20);
    a =
        repo.snapshot(SnapshotRequest.of(tmp.resolve("s1"), RefName.parse("ns/seed")))
            .snapshot()
            .id();
    b =
        repo.snapshot(SnapshotRequest.of(tmp.resolve("s2"), RefName.parse("ns/seed")))
            .snapshot()
            .id();
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void compareAndSwapCreatesUpdatesAndRejectsStaleWriters() {
    assertThat(refs.update(main, RefExpectation.absent(), a, "create"))
        .isEqualTo(RefUpdate.CREATED);
    assertThat(refs.update(main, RefExpectation.absent(), b, "again"))
        .isEqualTo(RefUpdate.CONFLICT);
    assertThat(refs.update(main, RefExpectation.value(b), b, "stale"))
        .isEqualTo(RefUpdate.CONFLICT);
    assertThat(refs.load(main).target()).isEqualTo(a);
    assertThat(refs.update(main, RefExpectation.value(a), b, "move")).isEqualTo(RefUpdate.UPDATED);
    assertThat(refs.update(main, RefExpectation.value(b), b, "same"))
        .isEqualTo(RefUpdate.UNCHANGED);
    assertThat(refs.delete(main, RefExpectation.value(a), "stale delete"))
        .isEqualTo(RefUpdate.CONFLICT);
    assertThat(refs.delete(main, RefExpectation.value(b), "delete")).isEqualTo(RefUpdate.DELETED);
    assertThat(refs.find(main)).isEmpty();
    assertThatThrownBy(() -> refs.load(main))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ns/main");
  }

  @Test
  void theLogRecordsEveryUpdateNewestFirst() {
    refs.update(main, RefExpectation.absent(), a, "one");
    refs.update(main, RefExpectation.value(a), b, "two");
    refs.delete(main, RefExpectation.any(), "three");
    refs.update(main, RefExpectation.absent(), a, "four");
    List<RefLogEntry> log = refs.log(main);
    assertThat(log).extracting(RefLogEntry::reason).containsExactly("four", "three", "two", "one");
    assertThat(log).extracting(RefLogEntry::seq).containsExactly(4L, 3L, 2L, 1L);
    assertThat(log.get(1).newTarget()).isEmpty();
    assertThat(log.get(2).oldTarget()).contains(a);
    assertThat(log.get(2).newTarget()).contains(b);
  }

  @Test
  void tagsNeverMove() {
    RefName tag = RefName.parse("ns/v1");
    assertThat(refs.tag(tag, a, "release")).isEqualTo(RefUpdate.CREATED);
    assertThat(refs.tag(tag, a, "again")).isEqualTo(RefUpdate.UNCHANGED);
    assertThat(refs.tag(tag, b, "move")).isEqualTo(RefUpdate.CONFLICT);
    assertThat(refs.update(tag, RefExpectation.any(), b, "force"))
        .isEqualTo(RefUpdate.REJECTED_TAG);
    assertThat(refs.load(tag).target()).isEqualTo(a);
    assertThat(refs.load(tag).tag()).isTrue();
  }

  @Test
  void snapshotsOntoATagAreWrittenButTheTagStays() throws Exception {
    RefName tag = RefName.parse("ns/frozen");
    refs.tag(tag, a, "freeze");
    SnapshotResult r = repo.snapshot(SnapshotRequest.of(tmp.resolve("s2"), tag));
    assertThat(r.refUpdate()).isEqualTo(RefUpdate.REJECTED_TAG);
    assertThat(refs.load(tag).target()).isEqualTo(a);
    assertThat(repo.loadSnapshot(r.snapshot().id())).isNotNull();
  }

  @Test
  void concurrentWritersExpectingTheSameValueHaveExactlyOneWinner() throws Exception {
    refs.update(main, RefExpectation.absent(), a, "start");
    int writers = 8;
    CyclicBarrier barrier = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<RefUpdate>> tasks = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        tasks.add(
            () -> {
              barrier.await();
              return refs.update(main, RefExpectation.value(a), b, "race");
            });
      }
      List<RefUpdate> results = new ArrayList<>();
      for (Future<RefUpdate> f : pool.invokeAll(tasks)) {
        results.add(f.get());
      }
      assertThat(results).filteredOn(r -> r == RefUpdate.UPDATED).hasSize(1);
      assertThat(results).filteredOn(r -> r == RefUpdate.CONFLICT).hasSize(writers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRetryingWritersLoseNoUpdate() throws Exception {
    // Each writer flips the ref between a and b with CAS, retrying on conflict, and counts its
    // successes. The log must hold exactly one entry per success: none lost, none doubled.
    refs.update(main, RefExpectation.absent(), a, "start");
    int writers = 4;
    int perWriter = 25;
    AtomicInteger successes = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int done = 0; done < perWriter; ) {
                    ObjectId current = refs.load(main).target();
                    ObjectId next = current.equals(a) ? b : a;
                    if (refs.update(main, RefExpectation.value(current), next, "flip")
                        == RefUpdate.UPDATED) {
                      successes.incrementAndGet();
                      done++;
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(successes.get()).isEqualTo(writers * perWriter);
    assertThat(refs.log(main)).hasSize(writers * perWriter + 1);
    assertThat(refs.load(main).seq()).isEqualTo(writers * perWriter + 1L);
  }

  @Test
  void anUpdateJournaledButNeverIndexedIsRolledForward() {
    // A writer died after writing journal record 2 and before indexing it.
    refs.update(main, RefExpectation.absent(), a, "one");
    var orphan =
        dev.cairn.store.proto.RefLogRecord.newBuilder()
            .setNamespace("ns")
            .setName("main")
            .setSeq(2)
            .setOldSnapshot(a.toByteString())
            .setNewSnapshot(b.toByteString())
            .setReason("crashed writer")
            .build();
    ((DefaultRepository) repo).backend().put(RefKeys.journalName(main, 2), orphan.toByteArray());
    assertThat(refs.load(main).target()).isEqualTo(a);

    assertThat(refs.update(main, RefExpectation.value(a), a, "stale"))
        .isEqualTo(RefUpdate.CONFLICT);
    assertThat(refs.load(main).target()).isEqualTo(b);
    assertThat(refs.update(main, RefExpectation.value(b), a, "three")).isEqualTo(RefUpdate.UPDATED);
    assertThat(refs.log(main))
        .extracting(RefLogEntry::reason)
        .containsExactly("three", "crashed writer", "one");
  }

  @Test
  void aRefOrTagCannotPointAtADeletedSnapshotAndAReferencedOneIsNotDeleted() {
    refs.update(main, RefExpectation.absent(), a, "one");
    DefaultRefStore store = (DefaultRefStore) refs;
    assertThat(store.unlessReferenced(a, () -> repo.deleteSnapshot(a))).isFalse();
    assertThat(repo.loadSnapshot(a).id()).isEqualTo(a);

    refs.delete(RefName.parse("ns/seed"), RefExpectation.any(), "drop");
    assertThat(store.unlessReferenced(b, () -> repo.deleteSnapshot(b))).isTrue();
    assertThatThrownBy(() -> refs.update(main, RefExpectation.value(a), b, "late"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ns/main")
        .hasMessageContaining(b.toString());
    assertThatThrownBy(() -> refs.tag(RefName.parse("ns/v1"), b, "late"))
        .isInstanceOf(NotFoundException.class);
    assertThat(refs.load(main).target()).isEqualTo(a);
    assertThat(refs.find(RefName.parse("ns/v1"))).isEmpty();
  }

  @Test
  void aReadOnlyRepositoryRefusesWritesWithoutTouchingAnything() throws Exception {
    refs.update(main, RefExpectation.absent(), a, "one");
    repo.close();
    try (Repository ro = Repository.openReadOnly(tmp.resolve("repo"))) {
      assertThat(ro.refs().load(main).target()).isEqualTo(a);
      assertThatThrownBy(() -> ro.refs().update(main, RefExpectation.any(), b, "x"))
          .isInstanceOf(dev.cairn.store.InvalidArgumentException.class)
          .hasMessageContaining("read-only");
      assertThatThrownBy(() -> ro.snapshot(SnapshotRequest.of(tmp.resolve("s1"), main)))
          .hasMessageContaining("read-only");
      // A writer can open it at the same time: read-only takes no lock.
      try (Repository rw = Repository.open(tmp.resolve("repo"), TestRepos.options())) {
        assertThat(rw.refs().update(main, RefExpectation.value(a), b, "two"))
            .isEqualTo(RefUpdate.UPDATED);
      }
    }
    repo = Repository.open(tmp.resolve("repo"), TestRepos.options());
    assertThat(repo.refs().log(main)).hasSize(2);
  }

  @Test
  void refsAreListedByNamespace() {
    refs.update(main, RefExpectation.absent(), a, "x");
    refs.update(RefName.parse("other/x"), RefExpectation.absent(), b, "x");
    assertThat(refs.list(Optional.of("ns")))
        .extracting(r -> r.name().toString())
        .containsExactly("ns/main", "ns/seed");
    assertThat(refs.list(Optional.empty())).hasSize(3);
  }
}

package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.client.RemoteRepository;
import dev.cairn.store.CheckOptions;
import dev.cairn.store.DiffEntry;
import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefLogEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Everything but snapshot creation, through a remote repository: the same answers as local. */
class RemoteRepositoryTest extends RemoteFixture {
  private final RefName main = RefName.parse("team-a/main");

  @Test
  void listingStatAndCatReadTheServersSnapshots() {
    ObjectId id =
        ObjectId.parse(snapshot("team-a", "main", Map.of("dir/a.txt", "0123456789", "b", "bb")));
    try (RemoteRepository remote = remote(reader)) {
      assertThat(remote.resolve("team-a/main")).isEqualTo(id);
      assertThat(remote.resolve(id.toString().substring(0, 10))).isEqualTo(id);
      assertThat(remote.list(id, "")).extracting(Entry::path).containsExactly("b", "dir");
      assertThat(remote.list(id, "dir")).extracting(Entry::path).containsExactly("dir/a.txt");
      Entry file = remote.stat(id, "dir/a.txt");
      assertThat(file.type()).isEqualTo(EntryType.FILE);
      assertThat(file.size()).isEqualTo(10);
      Entry root = remote.stat(id, "");
      assertThat(root.fileCount()).isEqualTo(2);
      assertThat(root.size()).isEqualTo(12);
      assertThatThrownBy(() -> remote.stat(id, "dir/nope")).isInstanceOf(NotFoundException.class);

      assertThat(cat(remote, id, "dir/a.txt", 0, Long.MAX_VALUE)).isEqualTo("0123456789");
      assertThat(cat(remote, id, "dir/a.txt", 3, 4)).isEqualTo("3456");
      assertThat(cat(remote, id, "dir/a.txt", 8, 100)).isEqualTo("89");
      assertThat(cat(remote, id, "dir/a.txt", 10, 5)).isEmpty();
      assertThatThrownBy(() -> cat(remote, id, "dir", 0, Long.MAX_VALUE))
          .isInstanceOf(InvalidArgumentException.class);
    }
  }

  private static String cat(RemoteRepository r, ObjectId id, String path, long off, long len) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.cat(id, path, off, len, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void snapshotsAreFoundInEveryNamespaceTheTokenReadsAndNowhereElse() {
    ObjectId a = ObjectId.parse(snapshot("team-a", "main", Map.of("f", "1")));
    ObjectId a2 = ObjectId.parse(snapshot("team-a", "main", Map.of("f", "2", "g", "new")));
    ObjectId b = ObjectId.parse(snapshot("team-b", "main", Map.of("f", "secret")));
    try (RemoteRepository remote = remote(reader)) {
      assertThat(remote.listSnapshots(Optional.empty()))
          .extracting(Snapshot::id)
          .containsExactly(a, a2);
      assertThat(remote.history(main)).extracting(Snapshot::id).containsExactly(a2, a);
      assertThatThrownBy(() -> remote.loadSnapshot(b)).isInstanceOf(NotFoundException.class);
      assertThat(remote.diff(a, a2))
          .extracting(DiffEntry::path, DiffEntry::change)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("f", DiffEntry.Change.MODIFIED),
              org.assertj.core.groups.Tuple.tuple("g", DiffEntry.Change.ADDED));
    }
    try (RemoteRepository remote = remote(admin)) {
      assertThat(remote.loadSnapshot(b).namespace()).isEqualTo("team-b");
      assertThatThrownBy(() -> remote.diff(a, b))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("one namespace");
    }
  }

  @Test
  void refUpdatesAreCompareAndSwapAsLocally() {
    ObjectId one = ObjectId.parse(snapshot("team-a", "seed", Map.of("f", "1")));
    ObjectId two = ObjectId.parse(snapshot("team-a", "seed", Map.of("f", "2")));
    try (RemoteRepository remote = remote(writer)) {
      var refs = remote.refs();
      assertThat(refs.find(main)).isEmpty();
      assertThat(refs.update(main, RefExpectation.absent(), one, "create"))
          .isEqualTo(RefUpdate.CREATED);
      assertThat(refs.update(main, RefExpectation.absent(), two, "again"))
          .isEqualTo(RefUpdate.CONFLICT);
      assertThat(refs.update(main, RefExpectation.value(two), two, "stale"))
          .isEqualTo(RefUpdate.CONFLICT);
      assertThat(refs.update(main, RefExpectation.value(one), two, "move"))
          .isEqualTo(RefUpdate.UPDATED);
      assertThat(refs.update(main, RefExpectation.any(), two, "same"))
          .isEqualTo(RefUpdate.UNCHANGED);

      RefName tag = RefName.parse("team-a/v1");
      assertThat(refs.tag(tag, one, "release")).isEqualTo(RefUpdate.CREATED);
      assertThat(refs.tag(tag, two, "again")).isEqualTo(RefUpdate.CONFLICT);
      assertThat(refs.update(tag, RefExpectation.any(), two, "move a tag"))
          .isEqualTo(RefUpdate.REJECTED_TAG);
      assertThat(refs.list(Optional.of("team-a")))
          .extracting(r -> r.name().name())
          .contains("main", "seed", "v1");

      List<RefLogEntry> log = refs.log(main);
      assertThat(log).hasSize(2);
      assertThat(log.get(0).newTarget()).contains(two);
      assertThat(log.get(0).oldTarget()).contains(one);
      assertThat(log.get(1).oldTarget()).isEmpty();

      assertThat(refs.delete(main, RefExpectation.value(one), "stale"))
          .isEqualTo(RefUpdate.CONFLICT);
      assertThat(refs.delete(main, RefExpectation.value(two), "go")).isEqualTo(RefUpdate.DELETED);
      assertThatThrownBy(() -> refs.load(main)).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void whatBelongsToTheServerIsRefused() {
    try (RemoteRepository remote = remote(admin)) {
      assertThatThrownBy(() -> remote.check(CheckOptions.STRUCTURE))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("where it is served");
      assertThatThrownBy(remote::rebuildIndex).isInstanceOf(InvalidArgumentException.class);
      assertThat(remote.location()).isEqualTo(server.uri().toString());
      assertThat(remote.config().repositoryId()).isEqualTo(repo.config().repositoryId());
    }
  }

  @Test
  void deletingNeedsAnAdminAndReportsWhetherThereWasASnapshot() {
    ObjectId id = ObjectId.parse(snapshot("team-a", "main", Map.of("f", "1")));
    try (RemoteRepository remote = remote(writer)) {
      assertThatThrownBy(() -> remote.deleteSnapshot(id))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("refused");
    }
    try (RemoteRepository remote = remote(admin)) {
      assertThat(remote.deleteSnapshot(id)).isTrue();
      assertThatThrownBy(() -> remote.loadSnapshot(id)).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void deletingUnlessHeldLetsTheServerNameTheHolders() {
    ObjectId old = ObjectId.parse(snapshot("team-a", "main", Map.of("f", "1")));
    ObjectId head = ObjectId.parse(snapshot("team-a", "main", Map.of("f", "2")));
    try (RemoteRepository remote = remote(admin)) {
      assertThatThrownBy(() -> remote.deleteSnapshotUnlessHeld(head))
          .isInstanceOf(dev.cairn.store.ConflictException.class)
          .hasMessageContaining("ref team-a/main refers to it");
      remote.deleteSnapshotUnlessHeld(old);
      assertThatThrownBy(() -> remote.loadSnapshot(old)).isInstanceOf(NotFoundException.class);
    }
  }
}

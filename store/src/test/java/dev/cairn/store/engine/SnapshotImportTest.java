package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotImport;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An imported snapshot is stored unchanged, and only when it is whole and honest. */
class SnapshotImportTest {
  @TempDir Path tmp;
  private DefaultRepository source;
  private DefaultRepository target;
  private Snapshot s;

  @BeforeEach
  void init() throws Exception {
    source = (DefaultRepository) Repository.init(tmp.resolve("a"), TestRepos.options());
    target = (DefaultRepository) Repository.init(tmp.resolve("b"), TestRepos.options());
    new TreeGenerator(3).randomFile(tmp.resolve("src/x.bin"), 200_000);
    s = source.snapshot(SnapshotRequest.of(tmp.resolve("src"), RefName.parse("ns/r"))).snapshot();
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  /** The snapshot with other fields, under the id those fields hash to. */
  private static Snapshot rehashed(Snapshot altered) {
    ObjectId id = ObjectId.hash(SnapshotCodec.toRecord(altered).toByteArray());
    return SnapshotCodec.fromRecord(id, SnapshotCodec.toRecord(altered));
  }

  @Test
  void aSnapshotWhoseFieldsDoNotHashToItsIdIsRefused() {
    Snapshot altered =
        new Snapshot(
            s.id(),
            s.rootTree(),
            s.parents(),
            s.kind(),
            s.namespace(),
            s.source(),
            s.labels(),
            "mallory",
            s.message(),
            s.createdAt(),
            s.totalFiles(),
            s.totalBytes());
    assertThatThrownBy(() -> target.importSnapshot(SnapshotImport.withoutRef(altered)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("altered");
  }

  @Test
  void aSnapshotWhoseBlobsAreNotStoredIsRefusedAndNothingIsVisible() {
    assertThatThrownBy(() -> target.importSnapshot(SnapshotImport.withoutRef(s)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("not stored")
        .hasMessageContaining(s.rootTree().toString());
    assertThat(target.listSnapshots(Optional.empty())).isEmpty();
  }

  @Test
  void totalsThatDisagreeWithTheTreeAreRefused() {
    Snapshot lying =
        rehashed(
            new Snapshot(
                null,
                s.rootTree(),
                List.of(),
                s.kind(),
                s.namespace(),
                s.source(),
                s.labels(),
                s.creator(),
                s.message(),
                s.createdAt(),
                99,
                s.totalBytes()));
    SnapshotImport request = SnapshotImport.withoutRef(lying);
    assertThatThrownBy(() -> source.importSnapshot(request))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("claims 99 files");
  }

  @Test
  void aRefOutsideTheSnapshotsNamespaceIsRefused() {
    assertThatThrownBy(
            () ->
                new SnapshotImport(
                    s, Optional.of(RefName.parse("other/r")), dev.cairn.store.RefExpectation.any()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("namespace ns");
  }
}

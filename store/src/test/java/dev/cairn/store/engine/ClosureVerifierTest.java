package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.proto.TreeEntry;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closure check of upload commits and imports: it skips what a tree shares with its base only
 * while nothing is condemned; while anything is, it walks the whole tree, so that a blob shared
 * with the base is revived, or reported missing if a sweep already took it.
 */
class ClosureVerifierTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private final TreeGenerator gen = new TreeGenerator(3);
  private ObjectId base;
  private ObjectId root;
  private CollectingSink baseBlobs;
  private CollectingSink rootBlobs;

  @BeforeEach
  void init() throws Exception {
    repo = (DefaultRepository) Repository.init(tmp.resolve("repo"), TestRepos.options());
    Path src = tmp.resolve("src");
    gen.randomFile(src.resolve("a.bin"), 250_000);
    gen.randomFile(src.resolve("dir/b.bin"), 120_000);
    baseBlobs = new CollectingSink();
    base = baseBlobs.build(src);
    gen.randomFile(src.resolve("c.bin"), 90_000);
    rootBlobs = new CollectingSink();
    root = rootBlobs.build(src);
    PackMaker packs = new PackMaker(tmp.resolve("packs"));
    repo.receivePack(new ByteArrayInputStream(packs.pack(baseBlobs.blobs)), 1 << 30);
    repo.receivePack(new ByteArrayInputStream(packs.pack(rootBlobs.blobs)), 1 << 30);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private List<ObjectId> missing() {
    return new ClosureVerifier(repo.trees(), new ReceivedFileNodes(), repo.condemned(), 100)
        .missing(root, Optional.of(base));
  }

  private Set<ObjectId> condemned() {
    Set<ObjectId> out = new HashSet<>();
    repo.condemned().scan((id, c) -> out.add(id));
    return out;
  }

  @Test
  void whileAnythingIsCondemnedItRevivesEveryBlobOfTheTreeAlsoThoseSharedWithTheBase() {
    Set<ObjectId> shared = new HashSet<>(baseBlobs.blobs.keySet());
    shared.retainAll(rootBlobs.blobs.keySet());
    assertThat(shared).as("the trees share files and a directory").hasSizeGreaterThan(3);
    repo.condemned().condemn(List.copyOf(rootBlobs.blobs.keySet()), Instant.now());

    assertThat(missing()).isEmpty();
    assertThat(condemned()).isEmpty();
  }

  @Test
  void aBlobSharedWithTheBaseThatASweepTookIsReportedMissing() {
    // A chunk of a.bin, a file the tree shares with its base, and the shared directory.
    var entries = repo.trees().loadTree(base).getEntriesList();
    ObjectId file = target(entries, "a.bin");
    ObjectId chunk = ObjectId.of(repo.trees().loadFile(file).getChunks(0).getId());
    ObjectId dir = target(entries, "dir");
    assertThat(rootBlobs.blobs).containsKeys(file, chunk, dir);
    ObjectId other = ObjectId.hash(new byte[] {42});
    repo.condemned().condemn(List.of(chunk, dir, other), Instant.now());
    // The other stays condemned, as between a collection's phases: with nothing condemned, a base
    // is complete by the collector's invariant and is trusted.
    assertThat(repo.condemned().drop(List.of(chunk, dir))).containsExactlyInAnyOrder(chunk, dir);

    assertThat(missing()).containsExactlyInAnyOrder(chunk, dir);
  }

  private static ObjectId target(List<TreeEntry> entries, String name) {
    return entries.stream()
        .filter(e -> e.getName().equals(name))
        .map(e -> ObjectId.of(e.getTarget()))
        .findFirst()
        .orElseThrow();
  }
}

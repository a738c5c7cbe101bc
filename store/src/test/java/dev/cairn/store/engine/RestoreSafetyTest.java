package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.proto.TreeEntry;
import dev.cairn.store.testkit.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestoreSafetyTest {
  @TempDir Path tmp;
  private DefaultRepository repo;
  private Crafted crafted;
  private Path target;
  private Path outside;

  @BeforeEach
  void init() throws Exception {
    repo = DefaultRepository.init(tmp.resolve("repo"), TestRepos.options());
    crafted = new Crafted(repo);
    outside = Files.createDirectories(tmp.resolve("outside"));
    target = tmp.resolve("sandbox/target");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private long filesOutsideTarget() throws Exception {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.filter(
              p ->
                  !p.startsWith(tmp.resolve("repo"))
                      && !p.startsWith(target)
                      && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .count();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "../escaped", "a/b", "/etc/passwd", "nul\0name"})
  void entriesWithUnsafeNamesAreRefused(String name) throws Exception {
    ObjectId id = crafted.snapshot(List.of(crafted.file(name, bytes("pwned"))));
    assertThatThrownBy(() -> repo.restore(id, "", target, Progress.NONE))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining("Unsafe entry name");
    assertThat(filesOutsideTarget()).isZero();
  }

  @Test
  void unsafeNamesDeepInsideAreRefusedToo() throws Exception {
    TreeEntry evil =
        crafted.dir("inner", List.of(crafted.file("../../../escaped", bytes("pwned"))));
    ObjectId id = crafted.snapshot(List.of(crafted.dir("a", List.of(evil))));
    assertThatThrownBy(() -> repo.restore(id, "", target, Progress.NONE))
        .isInstanceOf(CorruptException.class);
    assertThat(filesOutsideTarget()).isZero();
  }

  @Test
  void aSymlinkAndADirectoryOfTheSameNameAreRefused() throws Exception {
    // A symlinked parent: "a" -> outside, then "a/x" would be written through it.
    ObjectId id =
        crafted.snapshot(
            List.of(
                crafted.symlink("a", outside.toString()),
                crafted.dir("a", List.of(crafted.file("x", bytes("pwned"))))));
    assertThatThrownBy(() -> repo.restore(id, "", target, Progress.NONE))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining("duplicate");
    assertThat(outside.resolve("x")).doesNotExist();
  }

  @Test
  void symlinksAreCreatedButNeverFollowed() throws Exception {
    // The link comes first in tree order, the file "b" second; a restorer that created links
    // early and wrote through them would put "b" outside.
    ObjectId id =
        crafted.snapshot(
            List.of(crafted.symlink("a", outside.toString()), crafted.file("b", bytes("inside"))));
    repo.restore(id, "", target, Progress.NONE);
    assertThat(Files.readSymbolicLink(target.resolve("a"))).isEqualTo(outside);
    assertThat(Files.readString(target.resolve("b"))).isEqualTo("inside");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void aTargetThatIsASymlinkToAFileIsRefused() throws Exception {
    ObjectId id = crafted.snapshot(List.of(crafted.file("f", bytes("x"))));
    Files.createDirectories(target.getParent());
    Path victim = Files.writeString(outside.resolve("victim"), "keep");
    Files.createSymbolicLink(target, victim);
    assertThatThrownBy(() -> repo.restore(id, "f", target, Progress.NONE))
        .hasMessageContaining("exists already");
    assertThat(Files.readString(victim)).isEqualTo("keep");
  }

  @Test
  void pathsIntoASnapshotCannotClimbOut() throws Exception {
    ObjectId id = crafted.snapshot(List.of(crafted.file("f", bytes("x"))));
    assertThatThrownBy(() -> repo.restore(id, "../..", target, Progress.NONE))
        .hasMessageContaining("'..'");
  }
}

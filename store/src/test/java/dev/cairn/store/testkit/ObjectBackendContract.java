package dev.cairn.store.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ObjectBackend} must have. A backend joins by extending this class and
 * creating a fresh, empty backend in {@link #newBackend}.
 */
public abstract class ObjectBackendContract {
  @TempDir protected Path scratch;
  protected ObjectBackend backend;

  protected abstract ObjectBackend newBackend() throws Exception;

  @BeforeEach
  void openBackend() throws Exception {
    backend = newBackend();
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  @Test
  void putThenReadWholeAndRanges() {
    assertThat(backend.put("a/b/obj", "hello world".getBytes(UTF_8))).isTrue();
    assertThat(backend.readAll("a/b/obj")).asString(UTF_8).isEqualTo("hello world");
    assertThat(backend.read("a/b/obj", 6, 5)).asString(UTF_8).isEqualTo("world");
    assertThat(backend.read("a/b/obj", 0, 0)).isEmpty();
    assertThat(backend.stat("a/b/obj")).get().extracting(ObjectInfo::size).isEqualTo(11L);
  }

  @Test
  void putOfAnExistingNameKeepsTheFirstObject() {
    assertThat(backend.put("x", "first".getBytes(UTF_8))).isTrue();
    assertThat(backend.put("x", "second".getBytes(UTF_8))).isFalse();
    assertThat(backend.readAll("x")).asString(UTF_8).isEqualTo("first");
  }

  @Test
  void putFileStoresTheFileContent() throws Exception {
    Path f = Files.write(scratch.resolve("upload"), "from a file".getBytes(UTF_8));
    assertThat(backend.putFile("files/one", f)).isTrue();
    assertThat(backend.readAll("files/one")).asString(UTF_8).isEqualTo("from a file");
    Path g = Files.write(scratch.resolve("upload2"), "other".getBytes(UTF_8));
    assertThat(backend.putFile("files/one", g)).isFalse();
    assertThat(backend.readAll("files/one")).asString(UTF_8).isEqualTo("from a file");
  }

  @Test
  void emptyObjectsAreObjects() {
    assertThat(backend.put("empty", new byte[0])).isTrue();
    assertThat(backend.readAll("empty")).isEmpty();
    assertThat(backend.stat("empty")).isPresent();
  }

  @Test
  void readingAMissingObjectOrPastTheEndIsNotFound() {
    assertThatThrownBy(() -> backend.readAll("missing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> backend.read("missing", 0, 1)).isInstanceOf(NotFoundException.class);
    backend.put("short", new byte[4]);
    assertThatThrownBy(() -> backend.read("short", 2, 10))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("past its end");
    assertThat(backend.stat("missing")).isEmpty();
  }

  @Test
  void deleteReportsWhetherSomethingWasDeleted() {
    backend.put("gone", new byte[] {1});
    assertThat(backend.delete("gone")).isTrue();
    assertThat(backend.delete("gone")).isFalse();
    assertThat(backend.stat("gone")).isEmpty();
    assertThat(backend.put("gone", new byte[] {2})).isTrue();
  }

  @Test
  void listReturnsObjectsUnderAPrefixInNameOrder() {
    for (String n : List.of("p/b", "p/a", "p/c/d", "q/a", "pz")) {
      backend.put(n, n.getBytes(UTF_8));
    }
    try (Stream<ObjectInfo> s = backend.list("p/")) {
      assertThat(s.map(ObjectInfo::name)).containsExactly("p/a", "p/b", "p/c/d");
    }
    try (Stream<ObjectInfo> s = backend.list("p")) {
      assertThat(s.map(ObjectInfo::name)).containsExactly("p/a", "p/b", "p/c/d", "pz");
    }
    try (Stream<ObjectInfo> s = backend.list("nothing/")) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void namesThatCouldEscapeAreRejected() {
    for (String bad : List.of("", "/abs", "../up", "a/../b", "a//b", "a/./b", "nul\0byte")) {
      assertThatThrownBy(() -> backend.put(bad, new byte[1]))
          .as(bad)
          .isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Test
  void concurrentPutsOfOneNameHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        byte[] content = ("writer-" + i).getBytes(UTF_8);
        tasks.add(() -> backend.put("contended", content));
      }
      int winners = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
      assertThat(backend.readAll("contended")).asString(UTF_8).startsWith("writer-");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listDuringWritesSeesOnlyCompleteObjects() throws Exception {
    byte[] big = new byte[1 << 20];
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes =
          pool.submit(
              () -> {
                for (int i = 0; i < 20; i++) {
                  backend.put("busy/" + i, big);
                }
              });
      while (!writes.isDone()) {
        try (Stream<ObjectInfo> s = backend.list("busy/")) {
          s.forEach(info -> assertThat(info.size()).isEqualTo(big.length));
        }
      }
      writes.get();
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.cairn.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.testkit.ObjectBackendContract;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalBackendTest extends ObjectBackendContract {
  @Override
  protected ObjectBackend newBackend() {
    return new LocalBackend(scratch.resolve("backend"));
  }

  @Test
  void leftoverTempFilesAreNeverListedOrReadable() throws Exception {
    LocalBackend local = (LocalBackend) backend;
    Files.write(local.tempDir().resolve("torn.tmp"), new byte[10]);
    backend.put("real", new byte[1]);
    try (Stream<ObjectInfo> s = backend.list("")) {
      assertThat(s.map(ObjectInfo::name)).containsExactly("real");
    }
  }

  @Test
  void aListingDuringDeletesShowsWhatIsLeftAndNeverFails() throws Exception {
    for (int i = 0; i < 2_000; i++) {
      backend.put(String.format("gone/%02d/%05d", i % 50, i), new byte[1]);
    }
    backend.put("gone/kept", new byte[1]);
    CompletableFuture<Void> deleting =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 2_000; i++) {
                backend.delete(String.format("gone/%02d/%05d", i % 50, i));
              }
            });
    while (!deleting.isDone()) {
      try (Stream<ObjectInfo> s = backend.list("gone/")) {
        List<String> names = s.map(ObjectInfo::name).toList();
        assertThat(names).contains("gone/kept").isSorted();
      }
    }
    deleting.get();
    try (Stream<ObjectInfo> s = backend.list("gone/")) {
      assertThat(s.map(ObjectInfo::name)).containsExactly("gone/kept");
    }
  }
}

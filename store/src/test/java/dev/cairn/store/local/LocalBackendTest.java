package dev.cairn.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.testkit.ObjectBackendContract;
import java.nio.file.Files;
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
}

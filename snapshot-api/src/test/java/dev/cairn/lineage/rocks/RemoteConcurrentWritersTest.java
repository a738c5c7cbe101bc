package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** {@link ConcurrentWritersTest} against {@link dev.cairn.api.client.RemoteLineageStore}. */
class RemoteConcurrentWritersTest extends ConcurrentWritersTest {
  private final RemoteLineage remote = new RemoteLineage();

  @Override
  LineageStore open(Path directory, Clock clock) {
    return remote.open(directory, clock);
  }

  @AfterEach
  void stopServer() {
    remote.close();
  }
}

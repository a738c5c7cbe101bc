package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PutExecutionTest} against a store opened for a bulk load: the same rules and answers, and
 * what it wrote is there when a store opened as usual reads it after close.
 */
class BulkLoadPutExecutionTest extends PutExecutionTest {
  @Override
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.openForBulkLoad(directory, clock);
  }

  @Test
  void whatABulkLoadWroteIsReadAfterClose() {
    List<Long> ids = store.putArtifacts(NS, List.of(snapshot("bulk-1"), snapshot("bulk-2")));
    store.close();
    store = RocksLineageStore.open(dir.resolve("lineage"), clock);
    assertThat(store.getArtifactsByIds(NS, ids))
        .extracting(Artifact::getUri)
        .containsExactly(snapshot("bulk-1").getUri(), snapshot("bulk-2").getUri());
  }
}

package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectId;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.index.RocksIndex.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CondemnationsTest {
  @TempDir Path tmp;

  private static ObjectId id(String s) {
    return ObjectId.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writersStopRevivingWholeClosuresOnceADropLeavesNothingCondemned() {
    try (RocksIndex index = RocksIndex.open(tmp.resolve("index"), Duration.ofSeconds(5))) {
      Condemnations condemned = new Condemnations(index, new WriterSessions());
      assertThat(condemned.anyCondemned()).isFalse();

      condemned.condemn(List.of(id("a"), id("b")), Instant.now());
      assertThat(condemned.anyCondemned()).isTrue();
      condemned.drop(List.of(id("a")));
      assertThat(condemned.anyCondemned()).isTrue();
      condemned.drop(List.of(id("b")));
      assertThat(condemned.anyCondemned()).isFalse();

      // A reopened index with condemnations left over starts out reviving.
      condemned.condemn(List.of(id("c")), Instant.now());
      assertThat(new Condemnations(index, new WriterSessions()).anyCondemned()).isTrue();
    }
  }

  @Test
  void keepingManyAtOnceAnswersAsKeepingEachAndRevivesTheCondemned() {
    try (RocksIndex index = RocksIndex.open(tmp.resolve("index"), Duration.ofSeconds(5))) {
      Condemnations condemned = new Condemnations(index, new WriterSessions());
      try (Batch batch = index.newBatch()) {
        batch.put(Table.BLOBS, id("a").toBytes(), new byte[] {1});
        batch.put(Table.BLOBS, id("b").toBytes(), new byte[] {1});
        batch.commit();
      }
      assertThat(condemned.keepAll(List.of(id("a"), id("x"), id("b"))))
          .containsExactly(true, false, true);

      condemned.condemn(List.of(id("a"), id("b")), Instant.now());
      assertThat(condemned.keepAll(List.of(id("x"), id("a")))).containsExactly(false, true);
      // Only the blob not revived is still condemned, so only it is dropped.
      assertThat(condemned.drop(List.of(id("a"), id("b")))).containsExactly(id("b"));
    }
  }
}

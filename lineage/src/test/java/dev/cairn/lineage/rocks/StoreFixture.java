package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ExecutionType;
import dev.cairn.lineage.mlmd.PropertyType;
import dev.cairn.lineage.mlmd.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh store on disk per test, a clock that steps 1 ms per read, and a small schema. Tests that
 * use only the {@link LineageStore} interface also run against other implementations, which
 * override {@link #open}.
 */
abstract class StoreFixture {
  static final String NS = "team-a";
  static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  final SteppingClock clock = new SteppingClock(T0);
  LineageStore store;

  long datasetType;
  long stepType;
  long runType;

  @BeforeEach
  void openStore() {
    store = open(dir.resolve("lineage"), clock);
    datasetType = store.putArtifactType(NS, datasetType(), TypeUpsert.exact());
    stepType =
        store.putExecutionType(
            NS,
            ExecutionType.newBuilder()
                .setName("Step")
                .putProperties("exit_code", PropertyType.INT)
                .build(),
            TypeUpsert.exact());
    runType =
        store.putContextType(
            NS, ContextType.newBuilder().setName("Run").build(), TypeUpsert.exact());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** The store under test over the data in {@code directory}, its times from {@code clock}. */
  LineageStore open(Path directory, Clock clock) {
    return RocksLineageStore.open(directory, clock);
  }

  void reopen() {
    store.close();
    store = open(dir.resolve("lineage"), clock);
  }

  static ArtifactType datasetType() {
    return ArtifactType.newBuilder()
        .setName("Dataset")
        .putProperties("rows", PropertyType.INT)
        .putProperties("split", PropertyType.STRING)
        .build();
  }

  Artifact snapshot(String id) {
    return Artifact.newBuilder()
        .setTypeId(datasetType)
        .setUri("cairn:snapshot/" + id)
        .setState(Artifact.State.LIVE)
        .build();
  }

  Execution step(String externalId) {
    return Execution.newBuilder()
        .setTypeId(stepType)
        .setExternalId(externalId)
        .setLastKnownState(Execution.State.COMPLETE)
        .build();
  }

  Context run(String name) {
    return Context.newBuilder().setTypeId(runType).setName(name).build();
  }

  static Value intValue(long v) {
    return Value.newBuilder().setIntValue(v).build();
  }

  static Value stringValue(String v) {
    return Value.newBuilder().setStringValue(v).build();
  }

  /** Each call to millis() returns one more than the last (or {@link #setStep} more). */
  static final class SteppingClock extends Clock {
    private long next;
    private long step = 1;

    SteppingClock(long start) {
      this.next = start;
    }

    /** A step of 0 stops the clock, so that writes share a timestamp. */
    synchronized void setStep(long step) {
      this.step = step;
    }

    @Override
    public synchronized long millis() {
      long now = next;
      next += step;
      return now;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

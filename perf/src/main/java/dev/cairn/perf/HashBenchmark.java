package dev.cairn.perf;

import dev.cairn.store.ObjectId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** SHA-256 of one average-sized chunk, the way every chunk id is computed. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HashBenchmark {
  /** Bytes processed by one operation; {@link Kernels} turns ops/s into GB/s with it. */
  public static final int BYTES = 256 << 10;

  private byte[] chunk;

  @Setup
  public void setUp() {
    chunk = Samples.random(BYTES, 2);
  }

  @Benchmark
  public ObjectId sha256() {
    return ObjectId.hash(chunk);
  }
}

package dev.cairn.perf;

import dev.cairn.store.chunk.ChunkerParams;
import dev.cairn.store.chunk.FastCdc;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** FastCDC cut-point search with the default parameters over random data. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkerBenchmark {
  /** Bytes processed by one operation; {@link Kernels} turns ops/s into GB/s with it. */
  public static final int BYTES = 64 << 20;

  private final FastCdc cdc = new FastCdc(ChunkerParams.DEFAULT);
  private byte[] data;

  @Setup
  public void setUp() {
    data = Samples.random(BYTES, 1);
  }

  /** Cuts the whole buffer as FileChunker does; returns the chunk count so the work is not dead. */
  @Benchmark
  public int cut() {
    int max = cdc.params().maxSize();
    int chunks = 0;
    for (int off = 0; off < data.length; chunks++) {
      int left = data.length - off;
      off += cdc.cut(data, off, left, left < max);
    }
    return chunks;
  }
}

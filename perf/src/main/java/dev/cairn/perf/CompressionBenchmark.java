package dev.cairn.perf;

import dev.cairn.store.ObjectId;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.proto.Compression;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BlobCodec on one average-sized chunk at Cairn's default zstd level ({@code -p level=1,3} compares
 * levels). {@code decode} includes the SHA-256 verification every read does; random data is stored
 * raw, so its decode is the hash alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompressionBenchmark {
  /** Raw bytes processed by one operation; {@link Kernels} turns ops/s into GB/s with it. */
  public static final int BYTES = 256 << 10;

  @Param({"random", "csv"})
  public String data;

  /** 3 is RepositoryOptions.DEFAULTS.compressionLevel(). */
  @Param({"1", "3"})
  public int level;

  private BlobCodec codec;
  private byte[] raw;
  private byte[] stored;
  private BlobCodec.PackEntryView entry;

  @Setup
  public void setUp() {
    codec = new BlobCodec(level);
    raw = data.equals("csv") ? Samples.csv(BYTES) : Samples.random(BYTES, 3);
    BlobCodec.Encoded enc = codec.encode(raw, 0, raw.length);
    stored = enc == null ? raw : Arrays.copyOf(enc.bytes(), enc.length());
    Compression c = enc == null ? Compression.COMPRESSION_NONE : Compression.COMPRESSION_ZSTD;
    entry = new BlobCodec.PackEntryView(ObjectId.hash(raw), c, raw.length);
  }

  /** Returns null when compression does not pay (random data), after trying it, as a write does. */
  @Benchmark
  public BlobCodec.Encoded encode() {
    return codec.encode(raw, 0, raw.length);
  }

  @Benchmark
  public byte[] decode() {
    return BlobCodec.decode(stored, entry, "in benchmark");
  }
}

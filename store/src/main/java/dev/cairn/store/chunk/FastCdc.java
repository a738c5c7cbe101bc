package dev.cairn.store.chunk;

/**
 * FastCDC content-defined chunking (Xia et al., USENIX ATC 2016): a gear rolling hash, cut-point
 * skipping below the minimum size, and normalized chunking with a harder mask before the average
 * size and an easier one after it. Cut decisions use the upper bits of the hash, which see the
 * whole 64-byte window. Immutable and thread safe.
 */
public final class FastCdc {
  private static final int WINDOW = 64;

  private final ChunkerParams params;
  private final long[] gear;
  private final long maskSmall;
  private final long maskLarge;

  public FastCdc(ChunkerParams params) {
    this.params = params;
    this.gear = gearTable(params.gearSeed());
    int bits = Integer.numberOfTrailingZeros(params.avgSize());
    this.maskSmall = spreadMask(bits + params.normalization());
    this.maskLarge = spreadMask(bits - params.normalization());
  }

  public ChunkerParams params() {
    return params;
  }

  /**
   * Length of the next chunk starting at {@code buf[off]}. {@code len} is the number of valid
   * bytes; unless {@code eof}, the caller must supply at least {@code maxSize} bytes.
   */
  public int cut(byte[] buf, int off, int len, boolean eof) {
    if (!eof && len < params.maxSize()) {
      throw new IllegalArgumentException("need at least maxSize bytes before end of input");
    }
    int min = params.minSize();
    if (len <= min) {
      return len;
    }
    int n = Math.min(len, params.maxSize());
    int normal = Math.min(params.avgSize(), n);
    long h = 0;
    int i = min - WINDOW;
    // Warm the window so the first cut candidate depends only on content, not on where we started.
    for (; i < min; i++) {
      h = (h << 1) + gear[buf[off + i] & 0xff];
    }
    long ms = maskSmall;
    for (; i < normal; i++) {
      h = (h << 1) + gear[buf[off + i] & 0xff];
      if ((h & ms) == 0) {
        return i + 1;
      }
    }
    long ml = maskLarge;
    for (; i < n; i++) {
      h = (h << 1) + gear[buf[off + i] & 0xff];
      if ((h & ml) == 0) {
        return i + 1;
      }
    }
    return n;
  }

  /**
   * 256 pseudo-random 64-bit values from SplitMix64: a format constant once a repository exists.
   */
  static long[] gearTable(long seed) {
    long[] table = new long[256];
    long x = seed;
    for (int i = 0; i < table.length; i++) {
      x += 0x9E3779B97F4A7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }

  /** A mask of {@code bits} one-bits spread evenly over the upper 48 bits of the hash. */
  static long spreadMask(int bits) {
    long mask = 0;
    for (int i = 0; i < bits; i++) {
      mask |= 1L << (63 - (i * 48) / bits);
    }
    return mask;
  }
}

package dev.cairn.store.chunk;

import dev.cairn.store.InvalidArgumentException;

/**
 * FastCDC parameters. Fixed in a repository's config at init: changing them would cut every file
 * differently and defeat deduplication against existing snapshots.
 */
public record ChunkerParams(
    int minSize, int avgSize, int maxSize, long gearSeed, int normalization) {
  public static final long DEFAULT_GEAR_SEED = 0x5eed_ca14_0c0f_fee5L;

  /** min 64 KiB / avg 256 KiB / max 1 MiB, normalization level 2. */
  public static final ChunkerParams DEFAULT =
      new ChunkerParams(64 << 10, 256 << 10, 1 << 20, DEFAULT_GEAR_SEED, 2);

  public ChunkerParams {
    if (minSize < 64 || !(minSize < avgSize && avgSize < maxSize)) {
      throw new InvalidArgumentException(
          "Invalid chunker sizes "
              + minSize
              + "/"
              + avgSize
              + "/"
              + maxSize
              + ": need 64 <= min < avg < max");
    }
    if (Integer.bitCount(avgSize) != 1) {
      throw new InvalidArgumentException(
          "Invalid chunker average " + avgSize + ": must be a power of two");
    }
    if (maxSize > 64 << 20) {
      throw new InvalidArgumentException("Invalid chunker max " + maxSize + ": at most 64 MiB");
    }
    int bits = Integer.numberOfTrailingZeros(avgSize);
    if (normalization < 0
        || normalization > 4
        || bits - normalization < 1
        || bits + normalization > 48) {
      throw new InvalidArgumentException("Invalid normalization level " + normalization);
    }
  }
}

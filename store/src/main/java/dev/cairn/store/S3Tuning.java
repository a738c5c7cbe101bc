package dev.cairn.store;

import java.time.Duration;

/**
 * Transfer and retry settings of the S3 backend.
 *
 * @param multipartThreshold objects larger than this are uploaded in parts
 * @param partSize the size of each part of a multipart upload (at least 5 MiB, S3's minimum)
 * @param maxAttempts attempts per request, the first included, before giving up
 * @param firstBackoff the delay before the first retry; each later delay doubles, with jitter
 * @param maxBackoff the longest delay between two attempts
 * @param connectTimeout how long to wait for a connection
 * @param ioTimeout how long a request may go without sending or receiving a byte
 */
public record S3Tuning(
    long multipartThreshold,
    long partSize,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration ioTimeout) {
  /** S3 refuses smaller parts (except the last). */
  public static final long MIN_PART_SIZE = 5L << 20;

  public static final S3Tuning DEFAULTS =
      new S3Tuning(
          64L << 20,
          16L << 20,
          8,
          Duration.ofMillis(100),
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60));

  public S3Tuning {
    if (partSize < MIN_PART_SIZE) {
      throw new InvalidArgumentException(
          "Invalid S3 part size " + partSize + ": at least " + MIN_PART_SIZE);
    }
    if (multipartThreshold < partSize) {
      throw new InvalidArgumentException(
          "Invalid S3 multipart threshold " + multipartThreshold + ": at least the part size");
    }
    if (maxAttempts < 1) {
      throw new InvalidArgumentException("Invalid S3 attempt count " + maxAttempts);
    }
  }

  public S3Tuning withMultipart(long threshold, long part) {
    return new S3Tuning(
        threshold, part, maxAttempts, firstBackoff, maxBackoff, connectTimeout, ioTimeout);
  }

  public S3Tuning withRetries(int attempts, Duration first, Duration max) {
    return new S3Tuning(
        multipartThreshold, partSize, attempts, first, max, connectTimeout, ioTimeout);
  }

  public S3Tuning withTimeouts(Duration connect, Duration io) {
    return new S3Tuning(
        multipartThreshold, partSize, maxAttempts, firstBackoff, maxBackoff, connect, io);
  }
}

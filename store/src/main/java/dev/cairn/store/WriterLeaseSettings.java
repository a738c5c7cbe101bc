package dev.cairn.store;

import java.time.Duration;

/**
 * Timing of the writer lease a process holds while it writes a bucket repository directly.
 *
 * @param ttl how long after its last heartbeat a lease counts as abandoned and may be taken over
 * @param heartbeat how often the holder renews it
 * @param settle how long a new holder waits before confirming it won, on servers without
 *     conditional writes (where two simultaneous claims can both seem to succeed)
 */
public record WriterLeaseSettings(Duration ttl, Duration heartbeat, Duration settle) {
  public static final WriterLeaseSettings DEFAULTS =
      new WriterLeaseSettings(Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ofSeconds(1));

  public WriterLeaseSettings withSettle(Duration d) {
    return new WriterLeaseSettings(ttl, heartbeat, d);
  }

  public WriterLeaseSettings {
    if (heartbeat.compareTo(ttl) >= 0) {
      throw new InvalidArgumentException(
          "Invalid writer lease: heartbeat " + heartbeat + " must be shorter than its ttl " + ttl);
    }
  }
}

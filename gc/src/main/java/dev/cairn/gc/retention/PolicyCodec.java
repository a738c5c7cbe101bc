package dev.cairn.gc.retention;

import dev.cairn.gc.CalendarBucket;
import dev.cairn.gc.RetentionPeriod;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.CairnException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.RefName;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One version of a ref's policy as stored: a few lines of text, readable with any S3 browser.
 *
 * <pre>
 * cairn-retention 1
 * ref ml/main
 * keep-last 3
 * keep-daily 7
 * keep-within 30d
 * keep-tagged
 * zone UTC
 * </pre>
 *
 * A version that clears the policy has the line {@code cleared} instead of rules.
 */
final class PolicyCodec {
  private static final String HEADER = "cairn-retention 1";
  private static final String CLEARED = "cleared";

  private PolicyCodec() {}

  static byte[] encode(RefName ref, Optional<RetentionPolicy> policy) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("ref ").append(ref).append('\n');
    if (policy.isEmpty()) {
      return b.append(CLEARED).append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
    RetentionPolicy p = policy.get();
    line(b, "keep-last", p.keepLast());
    for (CalendarBucket bucket : CalendarBucket.values()) {
      line(b, "keep-" + bucket.label(), p.keep(bucket));
    }
    p.keepWithin().ifPresent(w -> b.append("keep-within ").append(w).append('\n'));
    if (p.keepTagged()) {
      b.append("keep-tagged\n");
    }
    b.append("zone ").append(p.zone().getId()).append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder b, String rule, int n) {
    if (n != 0) {
      b.append(rule).append(' ').append(n).append('\n');
    }
  }

  /** The policy of a stored version, or empty for a clearing version. */
  static Optional<RetentionPolicy> decode(byte[] bytes, String name) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    if (lines.length < 2 || !lines[0].equals(HEADER)) {
      throw corrupt(name, "it does not start with '" + HEADER + "'");
    }
    if (!lines[1].startsWith("ref ")) {
      throw corrupt(name, "its second line does not name the ref");
    }
    if (lines.length == 3 && lines[2].equals(CLEARED)) {
      return Optional.empty();
    }
    RetentionPolicy.Builder p = RetentionPolicy.builder();
    try {
      for (int i = 2; i < lines.length; i++) {
        rule(p, lines[i], name);
      }
      return Optional.of(p.build());
    } catch (CorruptException e) {
      throw e;
    } catch (CairnException | DateTimeException | NumberFormatException e) {
      throw corrupt(name, e.getMessage());
    }
  }

  private static void rule(RetentionPolicy.Builder p, String line, String name) {
    int space = line.indexOf(' ');
    String key = space < 0 ? line : line.substring(0, space);
    String value = space < 0 ? "" : line.substring(space + 1);
    switch (key) {
      case "keep-last" -> p.keepLast(Integer.parseInt(value));
      case "keep-within" -> p.keepWithin(RetentionPeriod.parse(value));
      case "keep-tagged" -> p.keepTagged();
      case "zone" -> p.zone(ZoneId.of(value));
      default -> p.keep(bucket(key, name), Integer.parseInt(value));
    }
  }

  private static CalendarBucket bucket(String key, String name) {
    for (CalendarBucket b : CalendarBucket.values()) {
      if (key.equals("keep-" + b.label())) {
        return b;
      }
    }
    throw corrupt(name, "unknown rule '" + key + "'");
  }

  private static CorruptException corrupt(String name, String why) {
    return new CorruptException("Retention policy record " + name + " is unreadable: " + why);
  }
}

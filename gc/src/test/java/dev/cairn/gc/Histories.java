package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Generated snapshot histories for retention tests: ids derive from the creation time. */
final class Histories {
  private Histories() {}

  static RetentionCandidate at(String instant, String... tags) {
    return at(Instant.parse(instant), tags);
  }

  static RetentionCandidate at(Instant t, String... tags) {
    return new RetentionCandidate(id(t.toString()), t, List.of(tags));
  }

  /** A stable id for a name, so tests can build two snapshots with the same time. */
  static ObjectId id(String name) {
    return ObjectId.hash(name.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code count} snapshots, {@code step} apart, the first at {@code first}. */
  static List<RetentionCandidate> every(Duration step, String first, int count) {
    List<RetentionCandidate> out = new ArrayList<>();
    Instant t = Instant.parse(first);
    for (int i = 0; i < count; i++) {
      out.add(at(t));
      t = t.plus(step);
    }
    return out;
  }
}

package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.time.Instant;
import java.util.List;

/**
 * One snapshot of a ref's history as retention sees it.
 *
 * @param tags the tags that point at it ({@code ns/v1}), for keep-tagged
 */
public record RetentionCandidate(ObjectId id, Instant createdAt, List<String> tags) {
  public RetentionCandidate {
    tags = List.copyOf(tags);
  }
}

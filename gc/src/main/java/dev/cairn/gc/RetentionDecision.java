package dev.cairn.gc;

import java.util.List;

/**
 * What one policy decided for one snapshot: kept, with every rule that keeps it ({@code last 3},
 * {@code daily 2026-11-28}, {@code within 30d}, {@code tag ns/v1}), or expired when none does.
 */
public record RetentionDecision(RetentionCandidate snapshot, List<String> reasons) {
  public RetentionDecision {
    reasons = List.copyOf(reasons);
  }

  public boolean kept() {
    return !reasons.isEmpty();
  }
}

package dev.cairn.store;

import java.util.List;

/**
 * What {@code check} looked at and every problem it found. Clean when {@code problems} is empty.
 */
public record CheckReport(
    long refs,
    long snapshots,
    long trees,
    long files,
    long chunks,
    long packs,
    long bytesVerified,
    List<String> problems) {
  public CheckReport {
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return problems.isEmpty();
  }
}

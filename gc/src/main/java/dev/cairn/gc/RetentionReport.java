package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import java.time.Instant;
import java.util.List;

/**
 * What retention decides for every snapshot in some ref's history: kept, with every reason, or
 * expired. Snapshots in no ref's history are not listed; retention never expires them.
 */
public record RetentionReport(List<Verdict> snapshots) {

  public RetentionReport {
    snapshots = List.copyOf(snapshots);
  }

  /**
   * One snapshot's fate.
   *
   * @param refs the refs whose history holds it
   * @param reasons why it is kept ({@code ml/main: daily 2026-11-28}, {@code held by tag ml/v1},
   *     {@code ml/dev: no policy}), or why it expires
   */
  public record Verdict(
      ObjectId snapshot,
      Instant createdAt,
      List<RefName> refs,
      boolean expired,
      List<String> reasons) {
    public Verdict {
      refs = List.copyOf(refs);
      reasons = List.copyOf(reasons);
    }
  }

  public List<Verdict> kept() {
    return snapshots.stream().filter(v -> !v.expired()).toList();
  }

  public List<Verdict> expired() {
    return snapshots.stream().filter(Verdict::expired).toList();
  }

  /** The expired snapshots as GC consumes them, each with its first ref and its reason. */
  public ExpiryPlan toExpiryPlan() {
    return new ExpiryPlan(
        expired().stream()
            .map(
                v ->
                    new ExpiryPlan.Expired(
                        v.snapshot(), v.refs().get(0).toString(), String.join("; ", v.reasons())))
            .toList());
  }
}

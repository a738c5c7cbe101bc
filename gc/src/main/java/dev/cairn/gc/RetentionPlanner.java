package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Retention over a whole repository: each ref's policy applied to its history (see {@link
 * RefHistories}), combined so that a snapshot expires only if every ref whose history holds it has
 * a policy and none of those policies keeps it, and nothing in the {@link RootSet} holds it. A ref
 * without a policy keeps its whole history. Reads only; deleting is the caller's (GC's) job.
 */
public final class RetentionPlanner implements ExpiryPlanner {
  /** The reason a snapshot of a ref without a policy is kept. */
  static final String NO_POLICY = "no policy";

  private final Function<Repository, RetentionPolicies> policies;

  /** Reads the policies stored in the repository being planned. */
  public RetentionPlanner() {
    this(RetentionPolicies::of);
  }

  public RetentionPlanner(Function<Repository, RetentionPolicies> policies) {
    this.policies = policies;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code now} does not change the outcome: keep-within counts back from each ref's newest
   * snapshot, so planning later expires nothing more until new snapshots arrive.
   */
  @Override
  public ExpiryPlan plan(Repository repo, RootSet roots, Instant now) {
    return report(repo, roots).toExpiryPlan();
  }

  /** Every snapshot in some ref's history, kept with its reasons or expired. */
  public RetentionReport report(Repository repo, RootSet roots) {
    List<Ref> refs = repo.refs().list(Optional.empty());
    Map<ObjectId, List<String>> tags = new HashMap<>();
    refs.stream()
        .filter(Ref::tag)
        .forEach(
            t -> tags.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t.name().toString()));
    Map<RefName, RetentionPolicy> byRef = new HashMap<>();
    policies.apply(repo).list().forEach(s -> byRef.put(s.ref(), s.policy()));

    RefHistories histories = RefHistories.read(repo, refs);
    Map<ObjectId, Tally> tallies = new LinkedHashMap<>();
    for (RefName ref : histories.refs()) {
      List<Snapshot> history = histories.history(ref);
      RetentionPolicy policy = byRef.get(ref);
      for (Snapshot s : history) {
        tallies.computeIfAbsent(s.id(), id -> new Tally(s.createdAt())).refs.add(ref);
      }
      if (policy == null) {
        history.forEach(s -> tallies.get(s.id()).kept.add(ref + ": " + NO_POLICY));
        continue;
      }
      List<RetentionCandidate> candidates =
          history.stream()
              .map(
                  s ->
                      new RetentionCandidate(
                          s.id(), s.createdAt(), tags.getOrDefault(s.id(), List.of())))
              .toList();
      for (RetentionDecision d : RetentionSelector.select(policy, candidates)) {
        Tally t = tallies.get(d.snapshot().id());
        if (d.kept()) {
          d.reasons().forEach(r -> t.kept.add(ref + ": " + r));
        } else {
          t.expired.add(ref + " (" + policy.describe() + ")");
        }
      }
    }
    // The refs read here may be newer than the root set: their heads hold too, so a ref that moved
    // after the roots were collected never has its new head expired.
    Map<ObjectId, List<String>> heads = new HashMap<>();
    refs.forEach(
        r -> heads.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(RootSet.holder(r)));
    List<RetentionReport.Verdict> verdicts = new ArrayList<>();
    tallies.forEach(
        (id, t) -> {
          Set<String> holders = new LinkedHashSet<>(roots.holdersOf(id));
          holders.addAll(heads.getOrDefault(id, List.of()));
          verdicts.add(t.verdict(id, holders));
        });
    verdicts.sort(
        (a, b) ->
            a.createdAt().equals(b.createdAt())
                ? a.snapshot().compareTo(b.snapshot())
                : b.createdAt().compareTo(a.createdAt()));
    return new RetentionReport(verdicts);
  }

  /** One snapshot's reasons, gathered ref by ref. */
  private static final class Tally {
    final Instant createdAt;
    final List<RefName> refs = new ArrayList<>();
    final List<String> kept = new ArrayList<>();
    final List<String> expired = new ArrayList<>();

    Tally(Instant createdAt) {
      this.createdAt = createdAt;
    }

    RetentionReport.Verdict verdict(ObjectId id, Set<String> holders) {
      List<String> reasons = new ArrayList<>(kept);
      holders.forEach(h -> reasons.add("held by " + h));
      if (!reasons.isEmpty()) {
        return new RetentionReport.Verdict(id, createdAt, refs, false, reasons);
      }
      List<String> why = List.of("kept by no rule of " + String.join(" nor ", expired));
      return new RetentionReport.Verdict(id, createdAt, refs, true, why);
    }
  }
}

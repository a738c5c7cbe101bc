package dev.cairn.gc;

import dev.cairn.store.Repository;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots a retention policy keeps by one of its rules, as roots that a deletion respects:
 * deleting a snapshot the policy means to keep needs {@code --force}, as for a ref or a lineage
 * pin. A snapshot kept only because its ref has no policy is not pinned, so old history stays
 * deletable. Not needed by GC, which expires through the same policies.
 */
public final class RetentionRoots implements GcRoots {
  private final Repository repo;
  private final RetentionPlanner planner;

  /** The policies stored in {@code repo}. */
  public RetentionRoots(Repository repo) {
    this(repo, new RetentionPlanner());
  }

  public RetentionRoots(Repository repo, RetentionPlanner planner) {
    this.repo = repo;
    this.planner = planner;
  }

  @Override
  public List<Pin> pins() {
    List<Pin> out = new ArrayList<>();
    for (RetentionReport.Verdict v :
        planner.report(repo, RootSet.collect(repo, List.of())).kept()) {
      List<String> rules = v.reasons().stream().filter(RetentionRoots::isRule).toList();
      if (!rules.isEmpty()) {
        out.add(new Pin(v.snapshot(), "retention (" + String.join("; ", rules) + ")"));
      }
    }
    return out;
  }

  /** A reason that names a policy's rule, not a holder or the absence of a policy. */
  private static boolean isRule(String reason) {
    return !reason.startsWith("held by ") && !reason.endsWith(": " + RetentionPlanner.NO_POLICY);
  }
}

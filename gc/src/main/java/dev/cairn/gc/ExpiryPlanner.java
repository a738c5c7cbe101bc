package dev.cairn.gc;

import dev.cairn.store.Repository;
import java.time.Instant;

/** Chooses the snapshots that retention no longer keeps. Changes nothing. */
@FunctionalInterface
public interface ExpiryPlanner {

  /** Keeps every snapshot: the behaviour of a repository without retention policies. */
  ExpiryPlanner KEEP_ALL = (repo, roots, now) -> ExpiryPlan.EMPTY;

  /** The snapshots to delete as of {@code now}; never one that {@code roots} holds. */
  ExpiryPlan plan(Repository repo, RootSet roots, Instant now);
}

package dev.cairn.gc;

import dev.cairn.gc.retention.BackendRetentionPolicies;
import dev.cairn.store.ConflictException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SupportsBackendAccess;
import java.util.List;
import java.util.Optional;

/**
 * The retention policies of a repository's refs, stored in the repository itself. Each change is a
 * new version; an update names the version it replaces and fails with CONFLICT if another writer
 * got there first, so no update is lost silently. A ref without a policy keeps everything. Thread
 * safe, and safe across processes sharing the repository.
 */
public interface RetentionPolicies {

  /** A ref's policy as stored: {@code version} counts the ref's policy changes, clears included. */
  record Stored(RefName ref, long version, RetentionPolicy policy) {}

  /** The policies of a repository that keeps its own objects (a directory or a bucket). */
  static RetentionPolicies of(Repository repo) {
    if (repo instanceof SupportsBackendAccess objects) {
      return new BackendRetentionPolicies(objects);
    }
    throw new InvalidArgumentException(
        "Cannot manage retention policies of "
            + repo.location()
            + ": they need direct access to the repository (a directory or a bucket), not a"
            + " server");
  }

  /** The ref's current policy; empty if it has none (never set, or cleared). */
  Optional<Stored> find(RefName ref);

  /** The current version of the ref's policy record: 0 if none was ever written. */
  long version(RefName ref);

  /** Every ref that has a policy, by name. */
  List<Stored> list();

  /**
   * Replaces the ref's policy (empty {@code policy} clears it) if its version is still {@code
   * expectedVersion}.
   *
   * @return CREATED, UPDATED, CLEARED or UNCHANGED; CONFLICT if the version moved on
   */
  PolicyUpdate update(RefName ref, long expectedVersion, Optional<RetentionPolicy> policy);

  /** Sets the ref's policy whatever it was, retrying a lost race on the newer version. */
  default PolicyUpdate set(RefName ref, RetentionPolicy policy) {
    return force(ref, Optional.of(policy));
  }

  /** Removes the ref's policy, so the ref keeps everything again; UNCHANGED if it had none. */
  default PolicyUpdate clear(RefName ref) {
    return force(ref, Optional.empty());
  }

  private PolicyUpdate force(RefName ref, Optional<RetentionPolicy> policy) {
    // Each CONFLICT means another writer made progress, so a few rounds settle any real contention.
    for (int attempt = 0; attempt < 100; attempt++) {
      PolicyUpdate u = update(ref, version(ref), policy);
      if (u != PolicyUpdate.CONFLICT) {
        return u;
      }
    }
    throw new ConflictException(
        "Cannot change the retention policy of " + ref + ": other writers keep changing it");
  }
}

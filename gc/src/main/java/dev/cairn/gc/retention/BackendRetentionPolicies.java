package dev.cairn.gc.retention;

import dev.cairn.gc.PolicyUpdate;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.RefName;
import dev.cairn.store.SupportsBackendAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Policies as numbered, immutable versions in the object backend: {@code
 * retention/<ns>/<name>/<version, 20 digits>}. The newest version is the ref's policy. An update
 * writes version n+1 with put-if-absent, which is the compare-and-swap: of two writers that both
 * read version n, one creates n+1 and the other finds the name taken and reports CONFLICT. No
 * object is ever replaced, so this works on any backend the store works on (S3 included) and needs
 * no primitive the store lacks. The newest {@link #KEPT_VERSIONS} versions of each ref stay as its
 * policy's history; the writer of a new version deletes older ones.
 */
public final class BackendRetentionPolicies implements RetentionPolicies {
  static final String PREFIX = "retention/";

  /**
   * Versions kept per ref: a short history for people, and a margin so wide that a writer can find
   * the slot it read as free pruned only if this many updates landed between its read and its write
   * (which the check after each write catches anyway).
   */
  static final int KEPT_VERSIONS = 20;

  private final ObjectBackend backend;
  private final SupportsBackendAccess repo;

  public BackendRetentionPolicies(SupportsBackendAccess repo) {
    this.repo = repo;
    this.backend = repo.backend();
  }

  @Override
  public Optional<Stored> find(RefName ref) {
    return latest(ref).flatMap(this::read);
  }

  @Override
  public long version(RefName ref) {
    return latest(ref).map(BackendRetentionPolicies::versionOf).orElse(0L);
  }

  @Override
  public List<Stored> list() {
    // Names sort by ref, then version, so the last name seen per ref is its newest version.
    Map<String, String> newest = new TreeMap<>();
    try (Stream<ObjectInfo> all = backend.list(PREFIX)) {
      all.map(ObjectInfo::name)
          .filter(BackendRetentionPolicies::isVersion)
          .forEach(n -> newest.merge(refPart(n), n, (a, b) -> a.compareTo(b) >= 0 ? a : b));
    }
    List<Stored> out = new ArrayList<>();
    newest.values().forEach(n -> read(n).ifPresent(out::add));
    out.sort((a, b) -> a.ref().toString().compareTo(b.ref().toString()));
    return out;
  }

  @Override
  public PolicyUpdate update(RefName ref, long expectedVersion, Optional<RetentionPolicy> policy) {
    repo.requireWritable("change the retention policy of " + ref);
    if (expectedVersion < 0) {
      throw new InvalidArgumentException(
          "Cannot change the retention policy of " + ref + ": version " + expectedVersion);
    }
    Optional<String> latest = latest(ref);
    long current = latest.map(BackendRetentionPolicies::versionOf).orElse(0L);
    if (current != expectedVersion) {
      return PolicyUpdate.CONFLICT;
    }
    Optional<RetentionPolicy> existing = latest.flatMap(this::read).map(Stored::policy);
    if (existing.equals(policy)) {
      return PolicyUpdate.UNCHANGED;
    }
    String mine = name(ref, current + 1);
    if (!backend.put(mine, PolicyCodec.encode(ref, policy))) {
      return PolicyUpdate.CONFLICT;
    }
    List<String> versions = versions(ref);
    long newest = versionOf(versions.get(versions.size() - 1));
    if (current + 1 <= newest - KEPT_VERSIONS) {
      // The slot may have been free only because it was pruned (this writer read a long-gone
      // version), or so many writers followed at once that it is history already: either way it is
      // not the policy now, so say so; the next pruning removes it.
      return PolicyUpdate.CONFLICT;
    }
    prune(versions, newest);
    if (policy.isEmpty()) {
      return PolicyUpdate.CLEARED;
    }
    return existing.isPresent() ? PolicyUpdate.UPDATED : PolicyUpdate.CREATED;
  }

  private Optional<String> latest(RefName ref) {
    List<String> versions = versions(ref);
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /** The names of the ref's versions, oldest first (fixed-width numbers sort as names). */
  private List<String> versions(RefName ref) {
    try (Stream<ObjectInfo> versions = backend.list(PREFIX + ref + "/")) {
      return versions
          .map(ObjectInfo::name)
          .filter(BackendRetentionPolicies::isVersion)
          .sorted()
          .toList();
    }
  }

  /**
   * Deletes the versions older than the newest {@link #KEPT_VERSIONS}; readers read only the
   * newest.
   */
  private void prune(List<String> versions, long newest) {
    for (String v : versions) {
      if (versionOf(v) <= newest - KEPT_VERSIONS) {
        backend.delete(v);
      }
    }
  }

  private Optional<Stored> read(String name) {
    RefName ref = RefName.parse(refPart(name).substring(PREFIX.length()));
    return PolicyCodec.decode(backend.readAll(name), name)
        .map(p -> new Stored(ref, versionOf(name), p));
  }

  static String name(RefName ref, long version) {
    return PREFIX + ref + "/" + String.format("%020d", version);
  }

  private static boolean isVersion(String name) {
    int slash = name.lastIndexOf('/');
    return name.length() - slash == 21
        && name.substring(slash + 1).chars().allMatch(Character::isDigit);
  }

  private static String refPart(String name) {
    return name.substring(0, name.lastIndexOf('/'));
  }

  private static long versionOf(String name) {
    return Long.parseLong(name.substring(name.lastIndexOf('/') + 1));
  }
}

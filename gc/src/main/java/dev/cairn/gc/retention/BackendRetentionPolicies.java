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
 * no primitive the store lacks. Old versions stay as the policy's history.
 */
public final class BackendRetentionPolicies implements RetentionPolicies {
  static final String PREFIX = "retention/";

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
    if (!backend.put(name(ref, current + 1), PolicyCodec.encode(ref, policy))) {
      return PolicyUpdate.CONFLICT;
    }
    if (policy.isEmpty()) {
      return PolicyUpdate.CLEARED;
    }
    return existing.isPresent() ? PolicyUpdate.UPDATED : PolicyUpdate.CREATED;
  }

  private Optional<String> latest(RefName ref) {
    try (Stream<ObjectInfo> versions = backend.list(PREFIX + ref + "/")) {
      return versions
          .map(ObjectInfo::name)
          .filter(BackendRetentionPolicies::isVersion)
          .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b);
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

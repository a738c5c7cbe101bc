package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.routes.RetentionBody;
import dev.cairn.api.routes.RetentionRoutes.StoredBody;
import dev.cairn.gc.PolicyUpdate;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.ConflictException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.RefName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The retention policies of a server's repository, through its retention routes: what {@code cairn
 * retention} uses with {@code --server}. Reads see the namespaces the token may read; changes take
 * an admin token for the ref's namespace. Versions are the server's, so a stale update is a
 * CONFLICT here as it is there.
 */
public final class RemoteRetentionPolicies implements RetentionPolicies {
  private final ApiClient client;

  public RemoteRetentionPolicies(ApiClient client) {
    this.client = client;
  }

  @Override
  public Optional<Stored> find(RefName ref) {
    try {
      return Optional.of(stored(client.get(path(ref))));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The server answers only for a ref with a policy; a ref whose policy was cleared reports 0
   * here, and an update naming 0 is then a CONFLICT whose message gives the server's version.
   */
  @Override
  public long version(RefName ref) {
    return find(ref).map(Stored::version).orElse(0L);
  }

  @Override
  public List<Stored> list() {
    List<Stored> out = new ArrayList<>();
    for (String ns : new RemoteCatalog(client).namespaces()) {
      JsonNode page = client.get(base(ns));
      page.path("policies").forEach(p -> out.add(stored(p)));
    }
    out.sort(Comparator.comparing(s -> s.ref().toString()));
    return out;
  }

  @Override
  public PolicyUpdate update(RefName ref, long expectedVersion, Optional<RetentionPolicy> policy) {
    Optional<Stored> before = find(ref);
    if (before.map(Stored::version).orElse(0L) != expectedVersion) {
      return PolicyUpdate.CONFLICT;
    }
    try {
      return change(ref, before, policy, "?version=" + expectedVersion);
    } catch (ConflictException e) {
      return PolicyUpdate.CONFLICT;
    }
  }

  /** The server replaces the policy whatever its version, in one call. */
  @Override
  public PolicyUpdate set(RefName ref, RetentionPolicy policy) {
    return change(ref, find(ref), Optional.of(policy), "");
  }

  @Override
  public PolicyUpdate clear(RefName ref) {
    return change(ref, find(ref), Optional.empty(), "");
  }

  private PolicyUpdate change(
      RefName ref, Optional<Stored> before, Optional<RetentionPolicy> policy, String query) {
    if (policy.isEmpty()) {
      if (before.isEmpty()) {
        return PolicyUpdate.UNCHANGED;
      }
      client.delete(path(ref) + query);
      return PolicyUpdate.CLEARED;
    }
    if (before.map(Stored::policy).equals(policy)) {
      return PolicyUpdate.UNCHANGED;
    }
    client.put(path(ref) + query, RetentionBody.of(policy.get()));
    return before.isPresent() ? PolicyUpdate.UPDATED : PolicyUpdate.CREATED;
  }

  private static Stored stored(JsonNode json) {
    StoredBody body = ApiClient.convert(json, StoredBody.class);
    return new Stored(body.ref(), body.version(), body.policy().toPolicy());
  }

  private static String base(String ns) {
    return "/api/v1/namespaces/" + ApiClient.encode(ns) + "/retention";
  }

  private static String path(RefName ref) {
    return base(ref.namespace()) + "/" + ApiClient.encode(ref.name());
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.Call;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.gc.PolicyUpdate;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.ConflictException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.RefName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention policies over HTTP: read them, set one, clear one. Changing a policy decides what GC
 * may delete, so it takes the admin role, as deleting a snapshot does.
 */
public final class RetentionRoutes {
  private static final String ALL = "/api/v1/namespaces/{ns}/retention";
  private static final String ONE = ALL + "/{name}";

  private final RetentionPolicies policies;

  public RetentionRoutes(RetentionPolicies policies) {
    this.policies = policies;
  }

  /** A ref's policy with its version, as the routes render it. */
  public record StoredBody(RefName ref, long version, RetentionBody policy) {
    public static StoredBody of(RetentionPolicies.Stored s) {
      return new StoredBody(s.ref(), s.version(), RetentionBody.of(s.policy()));
    }
  }

  public List<Route> routes() {
    return List.of(
        Route.get(
            ALL, Access.READ, "listRetention", "The namespace's retention policies", this::list),
        Route.get(ONE, Access.READ, "getRetention", "A ref's retention policy", this::get),
        Route.put(
                ONE,
                Access.ADMIN,
                "setRetention",
                "Set a ref's retention policy: {keepLast?, keepHourly?, keepDaily?, keepWeekly?,"
                    + " keepMonthly?, keepYearly?, keepWithin?, keepTagged?, zone?}; a count of -1"
                    + " keeps all of its kind",
                this::set)
            .withQuery("version", "integer", "Set only if the policy is still at this version"),
        Route.delete(
                ONE,
                Access.ADMIN,
                "clearRetention",
                "Clear a ref's retention policy: the ref keeps everything again",
                this::clear)
            .withQuery("version", "integer", "Clear only if the policy is still at this version"));
  }

  private Reply list(Call call) {
    String ns = call.namespace();
    return Reply.ok(
        Map.of(
            "policies",
            policies.list().stream()
                .filter(s -> s.ref().namespace().equals(ns))
                .map(StoredBody::of)
                .toList()));
  }

  private Reply get(Call call) {
    RefName ref = ref(call);
    return Reply.ok(
        StoredBody.of(
            policies
                .find(ref)
                .orElseThrow(
                    () -> new NotFoundException("Ref " + ref + " has no retention policy"))));
  }

  private Reply set(Call call) {
    RefName ref = ref(call);
    RetentionBody body = call.body(RetentionBody.class);
    change(call, ref, Optional.of(body.toPolicy()));
    return Reply.ok(StoredBody.of(policies.find(ref).orElseThrow()));
  }

  private Reply clear(Call call) {
    change(call, ref(call), Optional.empty());
    return Reply.noContent();
  }

  /** Sets or clears, at the version the call names if it names one. */
  private void change(Call call, RefName ref, Optional<RetentionPolicy> policy) {
    Optional<Long> expected = call.query("version").map(v -> version(v));
    PolicyUpdate u =
        expected.isPresent()
            ? policies.update(ref, expected.get(), policy)
            : policy.isPresent() ? policies.set(ref, policy.get()) : policies.clear(ref);
    if (u == PolicyUpdate.CONFLICT) {
      throw new ConflictException(
          "Cannot "
              + (policy.isPresent() ? "set" : "clear")
              + " the retention policy of "
              + ref
              + ": it is at version "
              + policies.version(ref)
              + ", not "
              + expected.orElseThrow());
    }
  }

  private static long version(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new dev.cairn.store.InvalidArgumentException(
          "Invalid query parameter version '" + v + "': expected a whole number");
    }
  }

  private static RefName ref(Call call) {
    return new RefName(call.namespace(), call.path("name"));
  }
}

package dev.cairn.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.ApiException;
import dev.cairn.api.Call;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.store.ConflictException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refs and tags over HTTP. Updates are compare-and-swap: {@code expected} absent means "whatever it
 * holds", {@code null} means "must not exist", an id means "must hold this"; a mismatch is 409 and
 * changes nothing.
 */
public final class RefRoutes {
  private static final String REFS = "/api/v1/namespaces/{ns}/refs";

  private final Repository repo;

  public RefRoutes(Repository repo) {
    this.repo = repo;
  }

  public List<Route> routes() {
    return List.of(
        Route.get(REFS, Access.READ, "listRefs", "Refs and tags of the namespace", this::list),
        Route.get(REFS + "/{name}", Access.READ, "getRef", "A ref or tag", this::get),
        Route.put(
            REFS + "/{name}",
            Access.WRITE,
            "updateRef",
            "Create or move a ref with compare-and-swap: {target, expected?, reason?}",
            this::update),
        Route.post(
            REFS + "/{name}/tag",
            Access.WRITE,
            "createTag",
            "Create a tag, a ref that never moves: {target, reason?}",
            this::tag),
        Route.delete(
                REFS + "/{name}",
                Access.WRITE,
                "deleteRef",
                "Delete a ref (compare-and-swap)",
                this::delete)
            .withQuery("expected", "string", "Delete only if the ref holds this snapshot id"),
        Route.get(
            REFS + "/{name}/log",
            Access.READ,
            "refLog",
            "A ref's updates, newest first",
            this::log));
  }

  private Reply list(Call call) {
    return Reply.ok(Map.of("refs", repo.refs().list(Optional.of(call.namespace()))));
  }

  private Reply get(Call call) {
    return Reply.ok(repo.refs().load(name(call)));
  }

  private Reply update(Call call) {
    RefName name = name(call);
    JsonNode body = call.bodyTree("target", "expected", "reason");
    ObjectId target = target(call, body);
    RefExpectation expected = expectation(body);
    RefUpdate r = repo.refs().update(name, expected, target, reason(body, call));
    return outcome(name, r, expected);
  }

  private Reply tag(Call call) {
    RefName name = name(call);
    JsonNode body = call.bodyTree("target", "reason");
    ObjectId target = target(call, body);
    return outcome(
        name, repo.refs().tag(name, target, reason(body, call)), RefExpectation.absent());
  }

  private Reply delete(Call call) {
    RefName name = name(call);
    RefExpectation expected =
        call.query("expected")
            .map(v -> RefExpectation.value(Snapshots.load(repo, call.namespace(), v).id()))
            .orElse(RefExpectation.any());
    RefUpdate r = repo.refs().delete(name, expected, "deleted by " + call.principal().name());
    if (r == RefUpdate.CONFLICT) {
      throw new ConflictException(
          "Cannot delete ref " + name + ": it does not hold " + expected.value());
    }
    return Reply.noContent();
  }

  private Reply log(Call call) {
    return Reply.ok(Map.of("entries", repo.refs().log(name(call))));
  }

  private Reply outcome(RefName name, RefUpdate r, RefExpectation expected) {
    return switch (r) {
      case CONFLICT ->
          throw new ConflictException(
              "Cannot update ref "
                  + name
                  + ": it does not hold the expected value"
                  + (expected.value() == null ? " (absent)" : " " + expected.value())
                  + "; read it and retry");
      case REJECTED_TAG ->
          throw new ConflictException(
              "Cannot update " + name + ": it is a tag, and tags never move");
      default -> {
        Ref now = repo.refs().load(name);
        yield new Reply.Json(r == RefUpdate.CREATED ? 201 : 200, Map.of("result", r, "ref", now));
      }
    };
  }

  private ObjectId target(Call call, JsonNode body) {
    JsonNode t = body.get("target");
    if (t == null || !t.isTextual()) {
      throw ApiException.badRequest("Invalid request: field 'target' must be a snapshot id");
    }
    Snapshot s = Snapshots.load(repo, call.namespace(), t.asText());
    return s.id();
  }

  private static RefExpectation expectation(JsonNode body) {
    if (!body.has("expected")) {
      return RefExpectation.any();
    }
    JsonNode e = body.get("expected");
    if (e.isNull()) {
      return RefExpectation.absent();
    }
    if (!e.isTextual() || e.asText().length() != 64 || !ObjectId.isHex(e.asText())) {
      throw ApiException.badRequest(
          "Invalid request: field 'expected' must be a full snapshot id or null");
    }
    return RefExpectation.value(ObjectId.parse(e.asText()));
  }

  private static String reason(JsonNode body, Call call) {
    JsonNode r = body.get("reason");
    return r != null && r.isTextual() ? r.asText() : "api: " + call.principal().name();
  }

  private static RefName name(Call call) {
    return new RefName(call.namespace(), call.path("name"));
  }
}

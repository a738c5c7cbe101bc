package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.ConflictException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefLogEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.RefStore;
import dev.cairn.store.RefUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refs on a server, with the same compare-and-swap outcomes as a local ref store: the server's 409
 * becomes CONFLICT, or REJECTED_TAG when the ref turns out to be a tag. Thread safe.
 */
final class RemoteRefStore implements RefStore {
  private final ApiClient client;
  private final RemoteCatalog catalog;

  RemoteRefStore(ApiClient client, RemoteCatalog catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  @Override
  public Optional<Ref> find(RefName name) {
    try {
      return Optional.of(load(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Ref load(RefName name) {
    return learned(ApiClient.convert(client.get(path(name)), Ref.class));
  }

  @Override
  public List<Ref> list(Optional<String> namespace) {
    List<Ref> out = new ArrayList<>();
    for (String ns : namespace.map(List::of).orElseGet(catalog::namespaces)) {
      client
          .get("/api/v1/namespaces/" + ApiClient.encode(ns) + "/refs")
          .path("refs")
          .forEach(r -> out.add(learned(ApiClient.convert(r, Ref.class))));
    }
    out.sort(java.util.Comparator.comparing(Ref::toString));
    return out;
  }

  @Override
  public RefUpdate update(RefName name, RefExpectation expected, ObjectId snapshot, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("target", snapshot.toString());
    switch (expected.kind()) {
      case ABSENT -> body.put("expected", null);
      case VALUE -> body.put("expected", expected.value().toString());
      case ANY -> {}
    }
    body.put("reason", reason);
    try {
      return outcome(client.put(path(name), body));
    } catch (ConflictException e) {
      return find(name).map(Ref::tag).orElse(false) ? RefUpdate.REJECTED_TAG : RefUpdate.CONFLICT;
    }
  }

  @Override
  public RefUpdate tag(RefName name, ObjectId snapshot, String reason) {
    try {
      return outcome(
          client.post(
              path(name) + "/tag", Map.of("target", snapshot.toString(), "reason", reason)));
    } catch (ConflictException e) {
      return RefUpdate.CONFLICT;
    }
  }

  @Override
  public RefUpdate delete(RefName name, RefExpectation expected, String reason) {
    String query =
        switch (expected.kind()) {
          case ANY -> "";
          case VALUE -> "?expected=" + expected.value();
          case ABSENT -> null;
        };
    if (query == null) {
      // Only an absent ref meets that expectation, and an absent ref cannot be deleted.
      load(name);
      return RefUpdate.CONFLICT;
    }
    try {
      client.delete(path(name) + query);
      return RefUpdate.DELETED;
    } catch (ConflictException e) {
      return RefUpdate.CONFLICT;
    }
  }

  @Override
  public List<RefLogEntry> log(RefName name) {
    List<RefLogEntry> out = new ArrayList<>();
    for (JsonNode e : client.get(path(name) + "/log").path("entries")) {
      out.add(
          new RefLogEntry(
              RefName.parse(e.path("ref").asText()),
              e.path("seq").asLong(),
              id(e.get("oldTarget")),
              id(e.get("newTarget")),
              e.path("tag").asBoolean(),
              Instant.parse(e.path("time").asText()),
              e.path("actor").asText(),
              e.path("reason").asText()));
    }
    return out;
  }

  private RefUpdate outcome(JsonNode answer) {
    learned(ApiClient.convert(answer.path("ref"), Ref.class));
    return RefUpdate.valueOf(answer.path("result").asText());
  }

  private Ref learned(Ref ref) {
    catalog.learned(ref.target(), ref.name().namespace());
    return ref;
  }

  private static Optional<ObjectId> id(JsonNode n) {
    return n == null || n.isNull() ? Optional.empty() : Optional.of(ObjectId.parse(n.asText()));
  }

  private static String path(RefName name) {
    return "/api/v1/namespaces/"
        + ApiClient.encode(name.namespace())
        + "/refs/"
        + ApiClient.encode(name.name());
  }
}

package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshots on a server. Every snapshot route is scoped to a namespace, and a snapshot id does not
 * say which: a ref names its namespace, and a bare id or prefix is looked for in each namespace the
 * token may read. Where an id was found is remembered for later calls. Thread safe.
 */
final class RemoteCatalog {
  private static final int MIN_PREFIX = 8;

  private final ApiClient client;
  private final Map<ObjectId, String> namespaceOf = new ConcurrentHashMap<>();

  RemoteCatalog(ApiClient client) {
    this.client = client;
  }

  /** Namespaces that hold snapshots or refs and that the token may read. */
  List<String> namespaces() {
    List<String> out = new ArrayList<>();
    client.get("/api/v1/namespaces").path("namespaces").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A ref's target, or a snapshot named by a unique prefix in any readable namespace. */
  ObjectId resolve(String spec, RemoteRefStore refs) {
    String s = spec.trim();
    if (s.contains("/")) {
      return refs.load(RefName.parse(s)).target();
    }
    String hex = s.toLowerCase(java.util.Locale.ROOT);
    if (hex.length() < MIN_PREFIX || hex.length() > 64 || !ObjectId.isHex(hex)) {
      throw new InvalidArgumentException(
          "Invalid snapshot '"
              + spec
              + "': expected a snapshot id (at least "
              + MIN_PREFIX
              + " hex digits) or a ref NAMESPACE/NAME");
    }
    return find(hex, spec).id();
  }

  Snapshot load(ObjectId id) {
    String ns = namespaceOf.get(id);
    if (ns != null) {
      return fetch(ns, id.toString());
    }
    return find(id.toString(), id.toString());
  }

  /** The namespace a snapshot lives in, looking it up if it is not known yet. */
  String namespace(ObjectId id) {
    String ns = namespaceOf.get(id);
    return ns != null ? ns : load(id).namespace();
  }

  /** Records where a snapshot lives, as learned from a ref or a commit. */
  void learned(ObjectId id, String namespace) {
    namespaceOf.put(id, namespace);
  }

  private Snapshot find(String hex, String spec) {
    List<Snapshot> found = new ArrayList<>();
    for (String ns : namespaces()) {
      try {
        found.add(fetch(ns, hex));
      } catch (NotFoundException e) {
        // not in this namespace
      }
    }
    if (found.isEmpty()) {
      throw new NotFoundException(
          "Snapshot " + spec + " does not exist in any namespace " + client.base() + " shows you");
    }
    if (found.size() > 1) {
      throw new InvalidArgumentException(
          "Snapshot prefix "
              + spec
              + " is ambiguous: it matches "
              + found.stream().map(x -> x.namespace() + ":" + x.id().toShortString()).toList()
              + "; give more digits");
    }
    return found.get(0);
  }

  private Snapshot fetch(String ns, String idOrPrefix) {
    Snapshot s = ApiClient.convert(client.get(path(ns) + "/" + idOrPrefix), Snapshot.class);
    learned(s.id(), s.namespace());
    return s;
  }

  /** Snapshots of one namespace, or of every readable one, oldest first. */
  List<Snapshot> list(Optional<String> namespace) {
    List<Snapshot> out = new ArrayList<>();
    for (String ns : namespace.map(List::of).orElseGet(this::namespaces)) {
      out.addAll(pages(path(ns) + "?limit=1000"));
    }
    out.sort(Comparator.comparing(Snapshot::createdAt).thenComparing(Snapshot::id));
    return out;
  }

  /** A ref's snapshot and its ancestors, newest first. */
  List<Snapshot> history(RefName ref) {
    List<Snapshot> out =
        pages(path(ref.namespace()) + "?limit=1000&ref=" + ApiClient.encode(ref.name()));
    Collections.reverse(out);
    return out;
  }

  private List<Snapshot> pages(String first) {
    List<Snapshot> out = new ArrayList<>();
    String next = null;
    do {
      JsonNode page =
          client.get(first + (next == null ? "" : "&page_token=" + ApiClient.encode(next)));
      page.path("items")
          .forEach(
              n -> {
                Snapshot s = ApiClient.convert(n, Snapshot.class);
                learned(s.id(), s.namespace());
                out.add(s);
              });
      JsonNode token = page.get("next_page_token");
      next = token == null || token.isNull() ? null : token.asText();
    } while (next != null);
    return out;
  }

  private static String path(String ns) {
    return "/api/v1/namespaces/" + ApiClient.encode(ns) + "/snapshots";
  }
}

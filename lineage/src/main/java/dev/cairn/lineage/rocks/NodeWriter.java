package dev.cairn.lineage.rocks;

import com.google.protobuf.Message;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.PropertyType;
import java.util.Map;
import java.util.Optional;

/** Inserts or updates one node and its index entries inside a transaction. */
final class NodeWriter {
  private NodeWriter() {}

  private record TypeInfo(String name, Map<String, PropertyType> properties) {}

  /**
   * Upserts {@code node}.
   *
   * @param reuse when the node has no id, resolve it to the stored node with the same external id
   *     (or, for a context, the same type and name) instead of inserting a duplicate
   * @return the node's id
   */
  static <T extends Message> long upsert(
      Tx tx, long now, String ns, NodeKind<T> kind, T node, boolean reuse) {
    T stored = null;
    if (kind.hasId(node)) {
      stored =
          RocksLineageStore.load(tx, ns, kind.cf, kind::parse, kind.id(node))
              .orElseThrow(
                  () ->
                      new LineageException.NotFound(
                          String.format(
                              "Cannot update %s %d: it does not exist in namespace %s",
                              kind.label, kind.id(node), ns)));
    } else if (reuse) {
      stored = resolve(tx, ns, kind, node).orElse(null);
    }
    String what = describe(kind, node, stored);

    long typeId =
        kind.hasTypeId(node) ? kind.typeId(node) : stored != null ? kind.typeId(stored) : -1;
    if (typeId < 0) {
      throw new LineageException.InvalidArgument("Cannot put " + what + ": type_id is required");
    }
    if (stored != null && typeId != kind.typeId(stored)) {
      throw new LineageException.InvalidArgument(
          String.format(
              "Cannot update %s: type_id cannot change from %d to %d",
              what, kind.typeId(stored), typeId));
    }
    TypeInfo type = typeInfo(tx, ns, kind.typeKind, typeId, what);
    PropertyRules.checkValues(
        what, type.name(), type.properties(), kind.properties(node), kind.customProperties(node));

    String name =
        immutable(
            what,
            "name",
            kind.hasName(node) ? kind.name(node) : null,
            stored != null && kind.hasName(stored) ? kind.name(stored) : null);
    String externalId =
        immutable(
            what,
            "external_id",
            kind.hasExternalId(node) ? kind.externalId(node) : null,
            stored != null && kind.hasExternalId(stored) ? kind.externalId(stored) : null);
    if (kind.requiresName() && (name == null || name.isEmpty())) {
      throw new LineageException.InvalidArgument("Cannot put " + what + ": name is required");
    }
    if (name != null) {
      Keys.checkNoNul(kind.label + " name", name);
    }
    if (externalId != null) {
      Keys.checkNoNul(kind.label + " external_id", externalId);
    }

    long id = stored != null ? kind.id(stored) : tx.nextId(kind.label);
    long created = stored != null ? kind.createTime(stored) : now;
    T merged = kind.carryOver(what, node, stored);
    T result = kind.stamp(merged, id, typeId, type.name(), name, externalId, created, now);

    if (name != null && (stored == null || !kind.hasName(stored))) {
      byte[] key = Keys.nodeName(ns, kind.tag, typeId, name);
      byte[] holder = tx.get(Cf.NODE_NAMES, key);
      if (holder != null && Keys.longValue(holder) != id) {
        throw new LineageException.AlreadyExists(
            String.format(
                "Cannot put %s: type '%s' already has a %s named '%s' (id %d)",
                what, type.name(), kind.label, name, Keys.longValue(holder)));
      }
      tx.put(Cf.NODE_NAMES, key, Keys.longValue(id));
      if (stored != null && result instanceof Artifact) {
        // A name given to an artifact already in contexts must be unique in each of them.
        for (long contextId : Edges.linked(tx, ns, Cf.ATTRIBUTIONS, (byte) 'a', id)) {
          Edges.claimNameInContext(tx, ns, contextId, name, id);
        }
      }
    }
    if (externalId != null && (stored == null || !kind.hasExternalId(stored))) {
      byte[] key = Keys.externalId(ns, kind.tag, externalId);
      byte[] holder = tx.get(Cf.EXTERNAL_IDS, key);
      if (holder != null && Keys.longValue(holder) != id) {
        throw new LineageException.AlreadyExists(
            String.format(
                "Cannot put %s: external_id '%s' is taken by %s %d",
                what, externalId, kind.label, Keys.longValue(holder)));
      }
      tx.put(Cf.EXTERNAL_IDS, key, Keys.longValue(id));
    }
    if (stored == null) {
      tx.put(Cf.NODES_BY_TYPE, Keys.byType(ns, kind.tag, typeId, id), new byte[0]);
    }
    if (result instanceof Artifact artifact) {
      indexUri(tx, ns, id, (Artifact) stored, artifact);
    }
    tx.put(kind.cf, Keys.id(ns, id), result.toByteArray());
    return id;
  }

  private static void indexUri(Tx tx, String ns, long id, Artifact stored, Artifact result) {
    if (stored != null && stored.hasUri() && !stored.getUri().equals(result.getUri())) {
      tx.delete(Cf.ARTIFACT_URIS, Keys.uri(ns, stored.getUri(), id));
    }
    if (result.hasUri()) {
      Keys.checkNoNul("artifact uri", result.getUri());
      tx.put(Cf.ARTIFACT_URIS, Keys.uri(ns, result.getUri(), id), new byte[0]);
    }
  }

  /** The stored node a retried write refers to, if any. */
  private static <T extends Message> Optional<T> resolve(
      Tx tx, String ns, NodeKind<T> kind, T node) {
    byte[] id = null;
    if (kind.hasExternalId(node) && kind.externalId(node).indexOf('\0') < 0) {
      id = tx.get(Cf.EXTERNAL_IDS, Keys.externalId(ns, kind.tag, kind.externalId(node)));
    }
    if (id == null && kind.requiresName() && kind.hasTypeId(node) && kind.hasName(node)) {
      if (kind.name(node).indexOf('\0') < 0) {
        id = tx.get(Cf.NODE_NAMES, Keys.nodeName(ns, kind.tag, kind.typeId(node), kind.name(node)));
      }
    }
    return id == null
        ? Optional.empty()
        : RocksLineageStore.load(tx, ns, kind.cf, kind::parse, Keys.longValue(id));
  }

  /** A field that may be set once: the given value, else the stored one; a change is an error. */
  private static String immutable(String what, String field, String given, String stored) {
    if (stored != null && given != null && !stored.equals(given)) {
      throw new LineageException.InvalidArgument(
          String.format(
              "Cannot update %s: %s cannot change from '%s' to '%s'", what, field, stored, given));
    }
    return given != null ? given : stored;
  }

  private static <Y extends Message> TypeInfo typeInfo(
      Tx tx, String ns, TypeKind<Y> kind, long typeId, String what) {
    Y type =
        RocksLineageStore.load(tx, ns, kind.cf, kind::parse, typeId)
            .orElseThrow(
                () ->
                    new LineageException.NotFound(
                        String.format(
                            "Cannot put %s: %s %d does not exist in namespace %s",
                            what, kind.label, typeId, ns)));
    return new TypeInfo(kind.name(type), kind.properties(type));
  }

  private static <T extends Message> String describe(NodeKind<T> kind, T node, T stored) {
    if (stored != null) {
      return kind.label + " " + kind.id(stored);
    }
    if (kind.hasName(node)) {
      return kind.label + " '" + kind.name(node) + "'";
    }
    if (kind.hasExternalId(node)) {
      return kind.label + " with external_id '" + kind.externalId(node) + "'";
    }
    return "new " + kind.label;
  }
}

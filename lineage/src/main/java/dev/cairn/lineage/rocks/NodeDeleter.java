package dev.cairn.lineage.rocks;

import com.google.protobuf.Message;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds what refers to a node, and deletes a node with (or without) those edges. */
final class NodeDeleter {
  private NodeDeleter() {}

  /** The edges that refer to the node; {@link LineageException.NotFound} if it is missing. */
  static <T extends Message> Dependents dependents(Tx tx, String ns, NodeKind<T> kind, long id) {
    load(tx, ns, kind, id, "inspect");
    List<Event> events = new ArrayList<>();
    List<Attribution> attributions = new ArrayList<>();
    List<Association> associations = new ArrayList<>();
    List<ParentContext> parents = new ArrayList<>();
    if (kind == NodeKind.ARTIFACT || kind == NodeKind.EXECUTION) {
      edges(tx, ns, Cf.EVENTS, kind.tag, id, Event::parseFrom, events);
    }
    if (kind == NodeKind.ARTIFACT || kind == NodeKind.CONTEXT) {
      edges(tx, ns, Cf.ATTRIBUTIONS, kind.tag, id, Attribution::parseFrom, attributions);
    }
    if (kind == NodeKind.EXECUTION || kind == NodeKind.CONTEXT) {
      edges(tx, ns, Cf.ASSOCIATIONS, kind.tag, id, Association::parseFrom, associations);
    }
    if (kind == NodeKind.CONTEXT) {
      edges(tx, ns, Cf.PARENT_CONTEXTS, (byte) 'c', id, ParentContext::parseFrom, parents);
      edges(tx, ns, Cf.PARENT_CONTEXTS, (byte) 'p', id, ParentContext::parseFrom, parents);
    }
    return new Dependents(events, attributions, associations, parents);
  }

  /**
   * Deletes the node under {@code mode}'s rules.
   *
   * @return the edges that referred to the node (removed unless the mode is SOFT)
   */
  static <T extends Message> Dependents delete(
      Tx tx, long now, String ns, NodeKind<T> kind, long id, DeleteMode mode) {
    T node = load(tx, ns, kind, id, "delete");
    Dependents dependents = dependents(tx, ns, kind, id);
    switch (mode) {
      case SOFT -> markDeleted(tx, now, ns, kind, node);
      case HARD -> {
        if (!dependents.isEmpty()) {
          throw new LineageException.FailedPrecondition(
              String.format(
                  "Cannot delete %s %d: %s refer to it; delete it with cascade to remove them too",
                  kind.label, id, dependents.describe()));
        }
        removeNode(tx, ns, kind, node);
      }
      case CASCADE -> {
        removeEdges(tx, ns, dependents);
        removeNode(tx, ns, kind, node);
      }
    }
    return dependents;
  }

  private static <T extends Message> void markDeleted(
      Tx tx, long now, String ns, NodeKind<T> kind, T node) {
    if (!(node instanceof Artifact artifact)) {
      throw new LineageException.InvalidArgument(
          "Cannot soft-delete "
              + kind.label
              + " "
              + kind.id(node)
              + ": only artifacts have a DELETED state; delete it hard or with cascade");
    }
    if (artifact.getState() != Artifact.State.DELETED) {
      Artifact deleted =
          artifact.toBuilder()
              .setState(Artifact.State.DELETED)
              .setLastUpdateTimeSinceEpoch(now)
              .build();
      tx.put(Cf.ARTIFACTS, Keys.id(ns, artifact.getId()), deleted.toByteArray());
    }
  }

  private static <T extends Message> void removeNode(Tx tx, String ns, NodeKind<T> kind, T node) {
    long id = kind.id(node);
    tx.delete(kind.cf, Keys.id(ns, id));
    tx.delete(Cf.NODES_BY_TYPE, Keys.byType(ns, kind.tag, kind.typeId(node), id));
    if (kind.hasName(node)) {
      tx.delete(Cf.NODE_NAMES, Keys.nodeName(ns, kind.tag, kind.typeId(node), kind.name(node)));
    }
    if (kind.hasExternalId(node)) {
      tx.delete(Cf.EXTERNAL_IDS, Keys.externalId(ns, kind.tag, kind.externalId(node)));
    }
    if (node instanceof Artifact artifact && artifact.hasUri()) {
      tx.delete(Cf.ARTIFACT_URIS, Keys.uri(ns, artifact.getUri(), id));
    }
  }

  private static void removeEdges(Tx tx, String ns, Dependents d) {
    for (Event e : d.events()) {
      Event.Type type = e.getType();
      tx.delete(Cf.EVENTS, Keys.event(ns, (byte) 'a', e.getArtifactId(), type, e.getExecutionId()));
      tx.delete(Cf.EVENTS, Keys.event(ns, (byte) 'e', e.getExecutionId(), type, e.getArtifactId()));
    }
    for (Attribution a : d.attributions()) {
      tx.delete(Cf.ATTRIBUTIONS, Keys.pair(ns, (byte) 'c', a.getContextId(), a.getArtifactId()));
      tx.delete(Cf.ATTRIBUTIONS, Keys.pair(ns, (byte) 'a', a.getArtifactId(), a.getContextId()));
      RocksLineageStore.load(tx, ns, Cf.ARTIFACTS, Artifact::parseFrom, a.getArtifactId())
          .filter(Artifact::hasName)
          .ifPresent(
              artifact ->
                  tx.delete(
                      Cf.CONTEXT_ARTIFACT_NAMES,
                      Keys.contextArtifactName(ns, a.getContextId(), artifact.getName())));
    }
    for (Association a : d.associations()) {
      tx.delete(Cf.ASSOCIATIONS, Keys.pair(ns, (byte) 'c', a.getContextId(), a.getExecutionId()));
      tx.delete(Cf.ASSOCIATIONS, Keys.pair(ns, (byte) 'e', a.getExecutionId(), a.getContextId()));
    }
    for (ParentContext p : d.parentContexts()) {
      tx.delete(Cf.PARENT_CONTEXTS, Keys.pair(ns, (byte) 'c', p.getParentId(), p.getChildId()));
      tx.delete(Cf.PARENT_CONTEXTS, Keys.pair(ns, (byte) 'p', p.getChildId(), p.getParentId()));
    }
  }

  private static <T extends Message> T load(
      Tx tx, String ns, NodeKind<T> kind, long id, String verb) {
    return RocksLineageStore.load(tx, ns, kind.cf, kind::parse, id)
        .orElseThrow(
            () ->
                new LineageException.NotFound(
                    String.format(
                        "Cannot %s %s %d: it does not exist in namespace %s",
                        verb, kind.label, id, ns)));
  }

  private static <E> void edges(
      Tx tx, String ns, Cf cf, byte tag, long id, RocksLineageStore.Parser<E> parser, List<E> out) {
    for (Map.Entry<byte[], byte[]> e : tx.scan(cf, Keys.pair(ns, tag, id))) {
      out.add(RocksLineageStore.parse(parser, e.getValue()));
    }
  }
}

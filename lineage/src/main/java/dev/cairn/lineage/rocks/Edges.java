package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the edges: each is stored under two keys, one per direction, so both ends can be listed
 * with a prefix scan. The tag byte after the namespace says which end comes first.
 */
final class Edges {
  private Edges() {}

  /**
   * Inserts an event; with {@code keepExisting} an event already stored for the same artifact,
   * execution and type is left as it is, otherwise it is an error.
   */
  static void putEvent(Tx tx, long now, String ns, Event event, boolean keepExisting) {
    if (!event.hasArtifactId() || !event.hasExecutionId() || !event.hasType()) {
      throw new LineageException.InvalidArgument(
          "Cannot put event: artifact_id, execution_id and type are required, got " + event);
    }
    long artifact = event.getArtifactId();
    long execution = event.getExecutionId();
    requireNode(tx, ns, Cf.ARTIFACTS, "artifact", artifact, "event");
    requireNode(tx, ns, Cf.EXECUTIONS, "execution", execution, "event");
    Event.Type type = event.getType();
    byte[] byArtifact = Keys.event(ns, (byte) 'a', artifact, type, execution);
    if (tx.get(Cf.EVENTS, byArtifact) != null) {
      if (keepExisting) {
        return;
      }
      throw new LineageException.AlreadyExists(
          String.format(
              "Cannot put event: artifact %d already has a %s event with execution %d",
              artifact, event.getType(), execution));
    }
    if (!event.hasMillisecondsSinceEpoch()) {
      event = event.toBuilder().setMillisecondsSinceEpoch(now).build();
    }
    byte[] bytes = event.toByteArray();
    tx.put(Cf.EVENTS, byArtifact, bytes);
    tx.put(Cf.EVENTS, Keys.event(ns, (byte) 'e', execution, type, artifact), bytes);
  }

  /** Links an artifact to a context; an existing link is kept. */
  static void attribute(Tx tx, String ns, Attribution a) {
    requireNode(tx, ns, Cf.ARTIFACTS, "artifact", a.getArtifactId(), "attribution");
    requireNode(tx, ns, Cf.CONTEXTS, "context", a.getContextId(), "attribution");
    if (tx.get(Cf.ATTRIBUTIONS, Keys.pair(ns, (byte) 'c', a.getContextId(), a.getArtifactId()))
        != null) {
      return;
    }
    Artifact artifact =
        RocksLineageStore.load(tx, ns, Cf.ARTIFACTS, Artifact::parseFrom, a.getArtifactId())
            .orElseThrow();
    if (artifact.hasName()) {
      claimNameInContext(tx, ns, a.getContextId(), artifact.getName(), a.getArtifactId());
    }
    link(tx, ns, Cf.ATTRIBUTIONS, 'c', a.getContextId(), 'a', a.getArtifactId(), a.toByteArray());
  }

  /**
   * Records that {@code artifactId} holds {@code name} within a context, or fails if another
   * artifact of the context has that name.
   */
  static void claimNameInContext(Tx tx, String ns, long contextId, String name, long artifactId) {
    byte[] key = Keys.contextArtifactName(ns, contextId, name);
    byte[] holder = tx.get(Cf.CONTEXT_ARTIFACT_NAMES, key);
    if (holder != null && Keys.longValue(holder) != artifactId) {
      throw new LineageException.AlreadyExists(
          String.format(
              "Cannot attribute artifact %d to context %d: artifact %d of that context is already"
                  + " named '%s'",
              artifactId, contextId, Keys.longValue(holder), name));
    }
    tx.put(Cf.CONTEXT_ARTIFACT_NAMES, key, Keys.longValue(artifactId));
  }

  /** Links an execution to a context; an existing link is kept. */
  static void associate(Tx tx, String ns, Association a) {
    requireNode(tx, ns, Cf.EXECUTIONS, "execution", a.getExecutionId(), "association");
    requireNode(tx, ns, Cf.CONTEXTS, "context", a.getContextId(), "association");
    link(tx, ns, Cf.ASSOCIATIONS, 'c', a.getContextId(), 'e', a.getExecutionId(), a.toByteArray());
  }

  /** Makes one context the parent of another; refuses self links and cycles. */
  static void parent(Tx tx, String ns, ParentContext p) {
    long child = p.getChildId();
    long parent = p.getParentId();
    requireNode(tx, ns, Cf.CONTEXTS, "context", child, "parent context");
    requireNode(tx, ns, Cf.CONTEXTS, "context", parent, "parent context");
    if (child == parent) {
      throw new LineageException.InvalidArgument(
          "Cannot put parent context: context " + child + " cannot be its own parent");
    }
    if (tx.get(Cf.PARENT_CONTEXTS, Keys.pair(ns, (byte) 'p', child, parent)) != null) {
      return;
    }
    if (reaches(tx, ns, parent, child)) {
      throw new LineageException.InvalidArgument(
          String.format(
              "Cannot make context %d a parent of %d: %d is already an ancestor of %d (a cycle)",
              parent, child, child, parent));
    }
    link(tx, ns, Cf.PARENT_CONTEXTS, 'c', parent, 'p', child, p.toByteArray());
  }

  /** The ids on the other end of the edges stored under {@code tag} for {@code id}. */
  static List<Long> linked(Tx tx, String ns, Cf cf, byte tag, long id) {
    List<Long> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : tx.scan(cf, Keys.pair(ns, tag, id))) {
      out.add(Keys.trailingId(e.getKey()));
    }
    return out;
  }

  private static void link(
      Tx tx, String ns, Cf cf, char tagA, long a, char tagB, long b, byte[] value) {
    tx.put(cf, Keys.pair(ns, (byte) tagA, a, b), value);
    tx.put(cf, Keys.pair(ns, (byte) tagB, b, a), value);
  }

  private static void requireNode(Tx tx, String ns, Cf cf, String label, long id, String what) {
    if (tx.get(cf, Keys.id(ns, id)) == null) {
      throw new LineageException.NotFound(
          "Cannot put " + what + ": " + label + " " + id + " does not exist in namespace " + ns);
    }
  }

  /** Whether following parent links up from {@code from} reaches {@code target}. */
  private static boolean reaches(Tx tx, String ns, long from, long target) {
    Deque<Long> todo = new ArrayDeque<>(List.of(from));
    Set<Long> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      long at = todo.pop();
      if (at == target) {
        return true;
      }
      if (seen.add(at)) {
        todo.addAll(linked(tx, ns, Cf.PARENT_CONTEXTS, (byte) 'p', at));
      }
    }
    return false;
  }
}

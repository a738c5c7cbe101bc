package dev.cairn.lineage.rocks;

import dev.cairn.lineage.mlmd.Event;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The edges of the lineage graph in the heap: each artifact's and execution's events (one Event
 * instance shared by both ends), each context's artifacts and executions and each artifact's and
 * execution's contexts, and the namespace of every node. It mirrors the node and edge column
 * families key by key (see {@link #apply}), so it answers exactly what a scan of them would. Parent
 * contexts are not held: they are few and read rarely.
 *
 * <p>Not thread-safe: {@link HeapGraph} serializes changes and validates reads.
 */
final class GraphIndex {
  /** Distinct event paths kept as shared instances; past this many, paths are kept as parsed. */
  private static final int MAX_SHARED_PATHS = 4096;

  private final Namespaces namespaces = new Namespaces();
  private final int[][] nodeNamespaces = {new int[16], new int[16], new int[16]};
  private final long[] nodeCounts = new long[3];
  private final EventLists artifactEvents = new EventLists(true);
  private final EventLists executionEvents = new EventLists(false);
  private final IdLists contextArtifacts = new IdLists();
  private final IdLists artifactContexts = new IdLists();
  private final IdLists contextExecutions = new IdLists();
  private final IdLists executionContexts = new IdLists();
  private final Map<Event.Path, Event.Path> paths = new HashMap<>();

  /** What the index holds, for reports. */
  record Counts(long nodes, long events, long memberships) {}

  Namespaces namespaces() {
    return namespaces;
  }

  /** Whether node {@code id} of the kind stored in {@code cf} exists in namespace {@code ns}. */
  boolean has(Cf cf, int ns, long id) {
    int[] a = nodeNamespaces[kind(cf)];
    return ns != 0 && id >= 0 && id < a.length && a[(int) id] == ns;
  }

  /**
   * Appends the events of {@code ns}'s node {@code id} whose type is in {@code typeMask} (see
   * {@link EventLists#mask}), as the store's event keys order them.
   */
  void events(boolean ofArtifact, int ns, long id, long typeMask, List<Event> out) {
    if (has(ofArtifact ? Cf.ARTIFACTS : Cf.EXECUTIONS, ns, id)) {
      (ofArtifact ? artifactEvents : executionEvents).read(id, typeMask, out);
    }
  }

  /** As {@link #events(boolean, int, long, long, List)}, each event with its key. */
  void events(boolean ofArtifact, int ns, long id, long typeMask, EventLists.Sink out) {
    if (has(ofArtifact ? Cf.ARTIFACTS : Cf.EXECUTIONS, ns, id)) {
      (ofArtifact ? artifactEvents : executionEvents).read(id, typeMask, out);
    }
  }

  /**
   * The ids linked to {@code id} in an edge column family, as {@link Edges#linked} lists them:
   * {@code tag} says which end {@code id} is ('c' a context, 'a' an artifact, 'e' an execution).
   */
  long[] linked(Cf cf, byte tag, int ns, long id) {
    IdLists lists = membership(cf, tag);
    Cf nodes = tag == 'c' ? Cf.CONTEXTS : tag == 'a' ? Cf.ARTIFACTS : Cf.EXECUTIONS;
    return has(nodes, ns, id) ? lists.copy(id) : new long[0];
  }

  Counts counts() {
    return new Counts(
        nodeCounts[0] + nodeCounts[1] + nodeCounts[2],
        artifactEvents.count(),
        contextArtifacts.count() + contextExecutions.count());
  }

  /**
   * Mirrors one committed write: {@code value} is the new value under {@code key} in {@code cf}, or
   * null for a delete. Column families the index does not mirror are ignored.
   */
  void apply(Cf cf, byte[] key, byte[] value) {
    switch (cf) {
      case ARTIFACTS, EXECUTIONS, CONTEXTS -> node(cf, key, value != null);
      case EVENTS -> event(key, value);
      case ATTRIBUTIONS, ASSOCIATIONS -> {
        int at = Namespaces.nul(key) + 1;
        IdLists lists = membership(cf, key[at]);
        long first = Keys.idAt(key, at + 1);
        long second = Keys.trailingId(key);
        if (value != null) {
          lists.add(first, second);
        } else {
          lists.remove(first, second);
        }
      }
      default -> {}
    }
  }

  private void node(Cf cf, byte[] key, boolean present) {
    int kind = kind(cf);
    int id = Slots.index(Keys.trailingId(key));
    int[] a = nodeNamespaces[kind];
    if (id >= a.length) {
      a = Arrays.copyOf(a, Slots.capacityFor(id));
      nodeNamespaces[kind] = a;
    }
    int ns = present ? namespaces.ofKey(key) : 0;
    if ((a[id] == 0) != (ns == 0)) {
      nodeCounts[kind] += present ? 1 : -1;
    }
    a[id] = ns;
  }

  /**
   * An event key is (tag, first, side, type, second). The artifact's key comes first in a batch and
   * in a scan ('a' sorts before 'e'), so the execution's key finds the instance parsed for it.
   */
  private void event(byte[] key, byte[] value) {
    int at = Namespaces.nul(key) + 1;
    boolean artifactFirst = key[at] == 'a';
    long first = Keys.idAt(key, at + 1);
    Event.Type type = Event.Type.forNumber(ByteBuffer.wrap(key, at + 10, 4).getInt());
    long second = Keys.trailingId(key);
    if (type == null) {
      throw new IllegalStateException("Cannot index event key: unknown event type");
    }
    EventLists lists = artifactFirst ? artifactEvents : executionEvents;
    if (value == null) {
      lists.remove(first, type, second);
      return;
    }
    Event event = artifactFirst ? null : artifactEvents.find(second, type, first);
    if (event == null) {
      event = sharedPath(RocksLineageStore.parse(Event::parseFrom, value));
    }
    lists.add(first, event);
  }

  /** The event with its path replaced by an equal instance seen before, when there is one. */
  private Event sharedPath(Event event) {
    if (!event.hasPath()) {
      return event;
    }
    Event.Path path = paths.get(event.getPath());
    if (path == null) {
      if (paths.size() < MAX_SHARED_PATHS) {
        paths.put(event.getPath(), event.getPath());
      }
      return event;
    }
    return path == event.getPath() ? event : event.toBuilder().setPath(path).build();
  }

  private IdLists membership(Cf cf, byte tag) {
    if (cf == Cf.ATTRIBUTIONS) {
      return tag == 'c' ? contextArtifacts : artifactContexts;
    }
    if (cf == Cf.ASSOCIATIONS) {
      return tag == 'c' ? contextExecutions : executionContexts;
    }
    throw new IllegalArgumentException("Cannot read memberships from " + cf);
  }

  /** 0, 1 and 2 for the column families of artifacts, executions and contexts. */
  static int kind(Cf cf) {
    return switch (cf) {
      case ARTIFACTS -> 0;
      case EXECUTIONS -> 1;
      case CONTEXTS -> 2;
      default -> throw new IllegalArgumentException("Cannot hold nodes of " + cf);
    };
  }
}

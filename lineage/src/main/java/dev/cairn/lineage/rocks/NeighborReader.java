package dev.cairn.lineage.rocks;

import dev.cairn.lineage.filter.FilterNode;
import dev.cairn.lineage.filter.FilterNodes;
import dev.cairn.lineage.filter.Neighbors;
import dev.cairn.lineage.filter.Relation;
import dev.cairn.lineage.filter.Target;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a node's neighbours for a filter from the edge indexes (see {@link Edges} for the tags: the
 * byte after the namespace says which end of the edge comes first). Everything stays inside the
 * namespace, so a filter never reaches another namespace through a neighbour.
 */
final class NeighborReader {
  private static final byte ARTIFACT_FIRST = 'a';
  private static final byte EXECUTION_FIRST = 'e';
  private static final byte PARENT_FIRST = 'c';
  private static final byte CHILD_FIRST = 'p';

  private final ReadView view;
  private final String ns;

  NeighborReader(ReadView view, String ns) {
    this.view = view;
    this.ns = ns;
  }

  /** The neighbours of the {@code target} node {@code id}; none for a node not yet stored. */
  Neighbors of(Target target, long id) {
    if (id <= 0) {
      return Neighbors.NONE;
    }
    return relation -> related(target, id, relation);
  }

  private List<FilterNode> related(Target target, long id, Relation relation) {
    boolean artifact = target == Target.ARTIFACT;
    return switch (relation) {
      case CONTEXTS ->
          contexts(
              artifact ? Cf.ATTRIBUTIONS : Cf.ASSOCIATIONS,
              Keys.pair(ns, artifact ? ARTIFACT_FIRST : EXECUTION_FIRST, id));
      case PARENT_CONTEXTS -> contexts(Cf.PARENT_CONTEXTS, Keys.pair(ns, CHILD_FIRST, id));
      case CHILD_CONTEXTS -> contexts(Cf.PARENT_CONTEXTS, Keys.pair(ns, PARENT_FIRST, id));
      case EVENTS -> events(Keys.pair(ns, artifact ? ARTIFACT_FIRST : EXECUTION_FIRST, id));
    };
  }

  private List<FilterNode> contexts(Cf edges, byte[] prefix) {
    List<FilterNode> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : view.scan(edges, prefix)) {
      byte[] bytes = view.get(Cf.CONTEXTS, Keys.id(ns, Keys.trailingId(e.getKey())));
      if (bytes != null) {
        Context c = RocksLineageStore.parse(Context::parseFrom, bytes);
        out.add(FilterNodes.context(c, Neighbors.NONE));
      }
    }
    return out;
  }

  private List<FilterNode> events(byte[] prefix) {
    List<FilterNode> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : view.scan(Cf.EVENTS, prefix)) {
      out.add(FilterNodes.event(RocksLineageStore.parse(Event::parseFrom, e.getValue())));
    }
    return out;
  }
}

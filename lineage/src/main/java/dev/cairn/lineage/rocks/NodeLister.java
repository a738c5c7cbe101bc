package dev.cairn.lineage.rocks;

import com.google.protobuf.Message;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.Page;
import dev.cairn.lineage.filter.Attribute;
import dev.cairn.lineage.filter.Filter;
import dev.cairn.lineage.filter.FilterNode;
import dev.cairn.lineage.filter.Neighbors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

/**
 * Lists nodes page by page and compiles filters for single nodes; the store's list and filter
 * methods delegate here.
 *
 * <p>Each page is read from one RocksDB snapshot. Stability across pages comes from the token: it
 * keeps the highest id of the kind in the namespace when the first page was read, and ids only
 * grow, so nodes inserted while pages are read never appear. Deleted nodes drop out.
 *
 * <p>Cost: ordered by id, a page streams candidate ids from the cursor (see {@link ScanPlanner})
 * and stops after one item past the page, so a page costs about what it skips plus what it returns.
 * Ordered by create or update time, every candidate up to the high-water mark is read and tested on
 * every page, keeping only the best page-size-plus-one in a heap: O(candidates) reads per page,
 * O(page size) memory.
 */
final class NodeLister {
  private final RocksDB db;
  private final Map<Cf, ColumnFamilyHandle> handles;

  NodeLister(RocksDB db, Map<Cf, ColumnFamilyHandle> handles) {
    this.db = db;
    this.handles = handles;
  }

  /** One node in a listing with the value it is ordered by. */
  private record Hit<T>(T node, long value, long id) {}

  <T extends Message> Page<T> list(String ns, ListableKind<T> kind, ListOptions options) {
    Keys.checkNamespace(ns);
    Filter filter =
        options.filterQuery() == null ? null : Filter.compile(kind.target(), options.filterQuery());
    try (ReadView view = new ReadView(db, handles)) {
      PageToken start = PageToken.start(kind.node().tag, ns, options, highWater(view, ns, kind));
      PageToken resume =
          options.pageToken() == null ? null : PageToken.decode(options.pageToken(), start);
      PageToken listing = resume != null ? resume : start;
      IdSource source = ScanPlanner.plan(view, ns, kind, filter);
      NeighborReader neighbors = new NeighborReader(view, ns);
      int limit = options.maxResultSize();
      List<Hit<T>> hits =
          options.orderBy() == ListOptions.OrderBy.ID
              ? byId(view, ns, kind, filter, neighbors, source, listing, resume != null, limit)
              : byTime(view, ns, kind, filter, neighbors, source, listing, resume, limit);
      List<T> items = new ArrayList<>();
      for (int i = 0; i < Math.min(limit, hits.size()); i++) {
        items.add(hits.get(i).node());
      }
      Optional<String> next = Optional.empty();
      if (hits.size() > limit) {
        Hit<T> last = hits.get(limit - 1);
        next = Optional.of(PageToken.after(listing, last.value(), last.id()).encode());
      }
      return new Page<>(items, next);
    }
  }

  /** A predicate over nodes of {@code kind}; null or blank {@code query} accepts every node. */
  <T extends Message> Predicate<T> filter(String ns, ListableKind<T> kind, String query) {
    Keys.checkNamespace(ns);
    if (query == null || query.isBlank()) {
      return node -> true;
    }
    Filter filter = Filter.compile(kind.target(), query);
    if (!filter.readsNeighbors()) {
      return node -> filter.test(kind.adapt(node, Neighbors.NONE));
    }
    return node -> {
      try (ReadView view = new ReadView(db, handles)) {
        long id = kind.node().hasId(node) ? kind.node().id(node) : 0;
        Neighbors neighbors = new NeighborReader(view, ns).of(kind.target(), id);
        return filter.test(kind.adapt(node, neighbors));
      }
    };
  }

  /** Streams ids from the cursor and stops one match past the page. */
  private <T extends Message> List<Hit<T>> byId(
      ReadView view,
      String ns,
      ListableKind<T> kind,
      Filter filter,
      NeighborReader neighbors,
      IdSource source,
      PageToken listing,
      boolean resumed,
      int limit) {
    long from = 1;
    long to = listing.highWater();
    if (resumed && listing.ascending()) {
      from = listing.lastId() + 1;
    } else if (resumed) {
      to = Math.min(to, listing.lastId() - 1);
    }
    List<Hit<T>> hits = new ArrayList<>();
    try (IdStream ids = source.open(new IdRange(from, to, !listing.ascending()))) {
      for (long id = ids.next(); id != IdStream.END && hits.size() <= limit; id = ids.next()) {
        T node = load(view, ns, kind, id);
        if (node != null && matches(filter, kind, node, neighbors)) {
          hits.add(new Hit<>(node, id, id));
        }
      }
    }
    return hits;
  }

  /** Reads every candidate and keeps the best {@code limit + 1} after the cursor. */
  private <T extends Message> List<Hit<T>> byTime(
      ReadView view,
      String ns,
      ListableKind<T> kind,
      Filter filter,
      NeighborReader neighbors,
      IdSource source,
      PageToken listing,
      PageToken resume,
      int limit) {
    Attribute attribute =
        listing.orderBy() == ListOptions.OrderBy.CREATE_TIME
            ? Attribute.CREATE_TIME
            : Attribute.LAST_UPDATE_TIME;
    Comparator<Hit<T>> order =
        Comparator.<Hit<T>>comparingLong(Hit::value).thenComparingLong(Hit::id);
    if (!listing.ascending()) {
      order = order.reversed();
    }
    // The heap's head is the worst hit kept, so it is the one to drop when the heap overflows.
    PriorityQueue<Hit<T>> best = new PriorityQueue<>(order.reversed());
    Hit<T> cursor = resume == null ? null : new Hit<>(null, resume.lastValue(), resume.lastId());
    try (IdStream ids = source.open(new IdRange(1, listing.highWater(), false))) {
      for (long id = ids.next(); id != IdStream.END; id = ids.next()) {
        T node = load(view, ns, kind, id);
        if (node == null) {
          continue;
        }
        FilterNode adapted = kind.adapt(node, neighbors.of(kind.target(), id));
        Object value = adapted.attribute(attribute);
        Hit<T> hit = new Hit<>(node, value == null ? 0 : (Long) value, id);
        boolean afterCursor = cursor == null || order.compare(hit, cursor) > 0;
        if (afterCursor
            && (best.size() <= limit || order.compare(hit, best.peek()) < 0)
            && (filter == null || filter.test(adapted))) {
          best.add(hit);
          if (best.size() > limit + 1) {
            best.poll();
          }
        }
      }
    }
    List<Hit<T>> hits = new ArrayList<>(best);
    hits.sort(order);
    return hits;
  }

  private static <T extends Message> boolean matches(
      Filter filter, ListableKind<T> kind, T node, NeighborReader neighbors) {
    return filter == null
        || filter.test(kind.adapt(node, neighbors.of(kind.target(), kind.node().id(node))));
  }

  private static <T extends Message> T load(
      ReadView view, String ns, ListableKind<T> kind, long id) {
    byte[] bytes = view.get(kind.node().cf, Keys.id(ns, id));
    return bytes == null ? null : RocksLineageStore.parse(kind.node()::parse, bytes);
  }

  /** The highest id of the kind in the namespace now; later inserts get higher ids. */
  private static long highWater(ReadView view, String ns, ListableKind<?> kind) {
    try (IdStream ids =
        view.ids(kind.node().cf, Keys.namespace(ns), new IdRange(1, Long.MAX_VALUE, true))) {
      long id = ids.next();
      return id == IdStream.END ? 0 : id;
    }
  }
}

package dev.cairn.lineage.rocks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.Page;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.SnapshotPin;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphQuery;
import dev.cairn.lineage.SupportsSubgraphQuery;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ExecutionType;
import dev.cairn.lineage.mlmd.ParentContext;
import dev.cairn.lineage.mlmd.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A {@link LineageStore} in a RocksDB directory of its own: one column family per entity and one
 * per secondary index (see {@link Cf}), namespace first in every key (see {@link Keys}).
 *
 * <p>Writers are serialized by a lock, so uniqueness checks and the batch that follows them are
 * atomic together; each write call is one WriteBatch, synced (unless opened {@link #openForBulkLoad
 * for a bulk load}). Reads take no lock. Thread-safe.
 */
public final class RocksLineageStore implements LineageStore, SupportsSubgraphQuery {
  private static final byte ARTIFACT_FIRST = 'a';
  private static final byte EXECUTION_FIRST = 'e';
  private static final byte CONTEXT_FIRST = 'c';
  private static final byte CHILD_FIRST = 'p';
  private static final Set<Event.Type> ALL_EVENT_TYPES = EnumSet.allOf(Event.Type.class);
  private static final byte[] EVENT_SIDES = {Keys.INPUT_SIDE, Keys.OUTPUT_SIDE};
  private static final List<Set<Event.Type>> TYPES_OF_SIDE = typesOfSides();

  private final RocksDB db;
  private final RocksOptions options;
  private final WriteOptions writeOptions;
  private final List<ColumnFamilyHandle> handleList;
  private final Map<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
  private final Clock clock;
  private final Object writeLock = new Object();
  private final NodeLister lister;

  /** The graph in the heap, or null: reads then all go to RocksDB. */
  private final HeapGraph graph;

  private RocksLineageStore(
      RocksDB db,
      RocksOptions options,
      List<ColumnFamilyHandle> handleList,
      Clock clock,
      HeapGraphOptions heap,
      boolean syncEachWrite) {
    this.db = db;
    this.options = options;
    this.handleList = handleList;
    this.clock = clock;
    this.writeOptions = new WriteOptions().setSync(syncEachWrite);
    for (Cf cf : Cf.values()) {
      handles.put(cf, handleList.get(cf.ordinal()));
    }
    this.lister = new NodeLister(db, handles);
    this.graph = heap == null ? null : HeapGraph.load(db, handles, heap);
  }

  /**
   * Opens (creating if needed) the store in {@code directory}; times come from {@code clock}. Every
   * read goes to RocksDB: the store for a process that opens it for a few calls.
   */
  public static RocksLineageStore open(Path directory, Clock clock) {
    return open(directory, clock, null, true);
  }

  /**
   * Opens the store for loading many records at once (an import, a benchmark's generated graph): as
   * {@link #open}, but a write call returns once its batch is in the write-ahead log, without
   * waiting for the log to reach the disk. {@link #close} writes everything out and syncs it, so
   * what was loaded is durable once close returns; a crash before that may lose any of it (each
   * write batch still whole or absent). Not for stores that record live pipeline steps.
   */
  public static RocksLineageStore openForBulkLoad(Path directory, Clock clock) {
    return open(directory, clock, null, false);
  }

  /**
   * Opens the store with its lineage graph in the heap, for a long-running process: walks, context
   * memberships and events are answered from memory and nodes from a cache (see {@link
   * HeapGraphOptions}). Opening reads every edge (a second or two per million nodes); every write
   * keeps the heap in step before it returns.
   */
  public static RocksLineageStore openInHeap(
      Path directory, Clock clock, HeapGraphOptions heapGraph) {
    return open(directory, clock, java.util.Objects.requireNonNull(heapGraph, "heapGraph"), true);
  }

  private static RocksLineageStore open(
      Path directory, Clock clock, HeapGraphOptions heap, boolean syncEachWrite) {
    RocksDB.loadLibrary();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new LineageException("Cannot open lineage store " + directory + ": " + e, e);
    }
    RocksOptions options = new RocksOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Cf cf : Cf.values()) {
      descriptors.add(new ColumnFamilyDescriptor(cf.rocksName, options.of(cf)));
    }
    List<ColumnFamilyHandle> handleList = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(options.db, directory.toString(), descriptors, handleList);
      try {
        return new RocksLineageStore(db, options, handleList, clock, heap, syncEachWrite);
      } catch (RuntimeException e) {
        for (ColumnFamilyHandle h : handleList) {
          h.close();
        }
        db.close();
        throw e;
      }
    } catch (RocksDBException e) {
      options.close();
      throw new LineageException("Cannot open lineage store " + directory + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      // Write the memtables out, so the next process to open the store need not replay the log
      // (and, after a bulk load's unsynced writes, so that they are on disk once close returns).
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        db.flush(flush, handleList);
        db.syncWal();
      } catch (RocksDBException e) {
        throw new LineageException("Cannot flush lineage store: " + e.getMessage(), e);
      }
    } finally {
      for (ColumnFamilyHandle h : handleList) {
        h.close();
      }
      db.close();
      writeOptions.close();
      options.close();
    }
  }

  private Tx tx() {
    return new Tx(db, handles, graph == null ? Tx.CommitListener.NONE : graph);
  }

  /**
   * A second store over the same database that reads RocksDB only, for tests comparing the heap
   * with it. Only read through it, and do not close it: it shares this store's database.
   */
  RocksLineageStore rocksOnlyReader() {
    return new RocksLineageStore(db, options, handleList, clock, null, true);
  }

  /** What the in-heap graph holds and how its node cache fared; empty without one. */
  public Optional<HeapGraphStats> heapGraphStats() {
    if (graph == null || !graph.usable()) {
      return Optional.empty();
    }
    GraphIndex.Counts c = graph.counts();
    NodeTable.Stats s = graph.nodes().stats();
    return c == null
        ? Optional.empty()
        : Optional.of(
            new HeapGraphStats(
                c.nodes(),
                c.events(),
                c.memberships(),
                s.hits(),
                s.misses(),
                s.entries(),
                s.bytes(),
                s.maxBytes()));
  }

  /** A read-only snapshot of the store, for tests of the listing internals. */
  ReadView readView() {
    return new ReadView(db, handles);
  }

  // ---------------------------------------------------------------- types

  @Override
  public long putArtifactType(String namespace, ArtifactType type, TypeUpsert upsert) {
    return putType(namespace, TypeKind.ARTIFACT, type, upsert);
  }

  @Override
  public long putExecutionType(String namespace, ExecutionType type, TypeUpsert upsert) {
    return putType(namespace, TypeKind.EXECUTION, type, upsert);
  }

  @Override
  public long putContextType(String namespace, ContextType type, TypeUpsert upsert) {
    return putType(namespace, TypeKind.CONTEXT, type, upsert);
  }

  private <T extends Message> long putType(String ns, TypeKind<T> kind, T type, TypeUpsert upsert) {
    Keys.checkNamespace(ns);
    String name = kind.name(type);
    String what = kind.label + " '" + name + "'";
    if (name.isEmpty()) {
      throw new LineageException.InvalidArgument("Cannot put " + kind.label + ": name is empty");
    }
    Keys.checkNoNul(kind.label + " name", name);
    Keys.checkNoNul(kind.label + " version", kind.version(type));
    PropertyRules.checkDeclared(what, kind.properties(type));
    synchronized (writeLock) {
      Tx tx = tx();
      byte[] nameKey = Keys.typeName(ns, kind.tag, name, kind.version(type));
      byte[] existing = tx.get(Cf.TYPE_NAMES, nameKey);
      if (existing == null) {
        if (kind.hasId(type)) {
          throw new LineageException.NotFound(
              "Cannot put " + what + ": no stored type with id " + kind.id(type));
        }
        long id = tx.nextId(kind.label);
        if (kind.hasExternalId(type)) {
          claim(tx, Keys.externalId(ns, kind.tag, kind.externalId(type)), id, what, "external id");
        }
        tx.put(kind.cf, Keys.id(ns, id), kind.withId(type, id).toByteArray());
        tx.put(Cf.TYPE_NAMES, nameKey, Keys.longValue(id));
        tx.commit(writeOptions);
        return id;
      }
      long id = Keys.longValue(existing);
      if (kind.hasId(type) && kind.id(type) != id) {
        throw new LineageException.InvalidArgument(
            "Cannot put " + what + ": it has id " + id + ", not " + kind.id(type));
      }
      T stored = parse(kind::parse, tx.get(kind.cf, Keys.id(ns, id)));
      Map<String, PropertyType> merged =
          PropertyRules.merge(what, kind.properties(stored), kind.properties(type), upsert);
      if (!merged.equals(kind.properties(stored))) {
        tx.put(kind.cf, Keys.id(ns, id), kind.withProperties(stored, merged).toByteArray());
        tx.commit(writeOptions);
      }
      return id;
    }
  }

  /** Puts an id under a unique key, or fails if another id holds it. */
  private static void claim(Tx tx, byte[] key, long id, String what, String field) {
    byte[] holder = tx.get(Cf.EXTERNAL_IDS, key);
    if (holder != null && Keys.longValue(holder) != id) {
      throw new LineageException.AlreadyExists(
          "Cannot put " + what + ": its " + field + " is taken by id " + Keys.longValue(holder));
    }
    tx.put(Cf.EXTERNAL_IDS, key, Keys.longValue(id));
  }

  @Override
  public Optional<ArtifactType> findArtifactType(String namespace, String name, String version) {
    return findType(namespace, TypeKind.ARTIFACT, name, version);
  }

  @Override
  public Optional<ExecutionType> findExecutionType(String namespace, String name, String version) {
    return findType(namespace, TypeKind.EXECUTION, name, version);
  }

  @Override
  public Optional<ContextType> findContextType(String namespace, String name, String version) {
    return findType(namespace, TypeKind.CONTEXT, name, version);
  }

  private <T extends Message> Optional<T> findType(
      String ns, TypeKind<T> kind, String name, String version) {
    Keys.checkNamespace(ns);
    if (name.indexOf('\0') >= 0 || version.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Tx tx = tx();
    byte[] id = tx.get(Cf.TYPE_NAMES, Keys.typeName(ns, kind.tag, name, version));
    return id == null ? Optional.empty() : load(tx, ns, kind.cf, kind::parse, Keys.longValue(id));
  }

  @Override
  public List<ArtifactType> getArtifactTypesByIds(String namespace, Collection<Long> ids) {
    return loadAll(namespace, TypeKind.ARTIFACT.cf, TypeKind.ARTIFACT::parse, ids);
  }

  @Override
  public List<ExecutionType> getExecutionTypesByIds(String namespace, Collection<Long> ids) {
    return loadAll(namespace, TypeKind.EXECUTION.cf, TypeKind.EXECUTION::parse, ids);
  }

  @Override
  public List<ContextType> getContextTypesByIds(String namespace, Collection<Long> ids) {
    return loadAll(namespace, TypeKind.CONTEXT.cf, TypeKind.CONTEXT::parse, ids);
  }

  @Override
  public List<ArtifactType> getArtifactTypes(String namespace) {
    return scanValues(namespace, TypeKind.ARTIFACT.cf, TypeKind.ARTIFACT::parse);
  }

  @Override
  public List<ExecutionType> getExecutionTypes(String namespace) {
    return scanValues(namespace, TypeKind.EXECUTION.cf, TypeKind.EXECUTION::parse);
  }

  @Override
  public List<ContextType> getContextTypes(String namespace) {
    return scanValues(namespace, TypeKind.CONTEXT.cf, TypeKind.CONTEXT::parse);
  }

  // ---------------------------------------------------------------- nodes

  @Override
  public List<Long> putArtifacts(String namespace, List<Artifact> artifacts) {
    return putNodes(namespace, NodeKind.ARTIFACT, artifacts);
  }

  @Override
  public List<Long> putExecutions(String namespace, List<Execution> executions) {
    return putNodes(namespace, NodeKind.EXECUTION, executions);
  }

  @Override
  public List<Long> putContexts(String namespace, List<Context> contexts) {
    return putNodes(namespace, NodeKind.CONTEXT, contexts);
  }

  private <T extends Message> List<Long> putNodes(String ns, NodeKind<T> kind, List<T> nodes) {
    Keys.checkNamespace(ns);
    synchronized (writeLock) {
      Tx tx = tx();
      List<Long> ids = new ArrayList<>(nodes.size());
      for (T node : nodes) {
        ids.add(NodeWriter.upsert(tx, clock.millis(), ns, kind, node, false));
      }
      tx.commit(writeOptions);
      return ids;
    }
  }

  @Override
  public List<Artifact> getArtifactsByIds(String namespace, Collection<Long> ids) {
    return loadAll(namespace, Cf.ARTIFACTS, NodeKind.ARTIFACT::parse, ids);
  }

  @Override
  public List<Execution> getExecutionsByIds(String namespace, Collection<Long> ids) {
    return loadAll(namespace, Cf.EXECUTIONS, NodeKind.EXECUTION::parse, ids);
  }

  @Override
  public List<Context> getContextsByIds(String namespace, Collection<Long> ids) {
    return loadAll(namespace, Cf.CONTEXTS, NodeKind.CONTEXT::parse, ids);
  }

  @Override
  public List<Artifact> getArtifactsByType(String namespace, String typeName) {
    return byType(namespace, NodeKind.ARTIFACT, typeName);
  }

  @Override
  public List<Execution> getExecutionsByType(String namespace, String typeName) {
    return byType(namespace, NodeKind.EXECUTION, typeName);
  }

  @Override
  public List<Context> getContextsByType(String namespace, String typeName) {
    return byType(namespace, NodeKind.CONTEXT, typeName);
  }

  private <T extends Message> List<T> byType(String ns, NodeKind<T> kind, String typeName) {
    Optional<Long> typeId = typeId(ns, kind, typeName);
    if (typeId.isEmpty()) {
      return List.of();
    }
    Tx tx = tx();
    List<Long> ids = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e :
        tx.scan(Cf.NODES_BY_TYPE, Keys.byType(ns, kind.tag, typeId.get()))) {
      ids.add(Keys.trailingId(e.getKey()));
    }
    return loadAll(ns, kind.cf, kind::parse, ids);
  }

  private Optional<Long> typeId(String ns, NodeKind<?> kind, String typeName) {
    Keys.checkNamespace(ns);
    if (typeName.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    byte[] id = tx().get(Cf.TYPE_NAMES, Keys.typeName(ns, kind.typeKind.tag, typeName, ""));
    return id == null ? Optional.empty() : Optional.of(Keys.longValue(id));
  }

  @Override
  public Optional<Artifact> findArtifactByTypeAndName(
      String namespace, String typeName, String name) {
    return byTypeAndName(namespace, NodeKind.ARTIFACT, typeName, name);
  }

  @Override
  public Optional<Execution> findExecutionByTypeAndName(
      String namespace, String typeName, String name) {
    return byTypeAndName(namespace, NodeKind.EXECUTION, typeName, name);
  }

  @Override
  public Optional<Context> findContextByTypeAndName(
      String namespace, String typeName, String name) {
    return byTypeAndName(namespace, NodeKind.CONTEXT, typeName, name);
  }

  private <T extends Message> Optional<T> byTypeAndName(
      String ns, NodeKind<T> kind, String typeName, String name) {
    Optional<Long> typeId = typeId(ns, kind, typeName);
    if (typeId.isEmpty() || name.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Tx tx = tx();
    byte[] id = tx.get(Cf.NODE_NAMES, Keys.nodeName(ns, kind.tag, typeId.get(), name));
    return id == null ? Optional.empty() : load(tx, ns, kind.cf, kind::parse, Keys.longValue(id));
  }

  @Override
  public List<Artifact> getArtifactsByUri(String namespace, String uri) {
    Keys.checkNamespace(namespace);
    if (uri.indexOf('\0') >= 0) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : tx().scan(Cf.ARTIFACT_URIS, Keys.uri(namespace, uri))) {
      ids.add(Keys.trailingId(e.getKey()));
    }
    return loadAll(namespace, Cf.ARTIFACTS, NodeKind.ARTIFACT::parse, ids);
  }

  @Override
  public List<Artifact> getArtifactsByExternalIds(String namespace, Collection<String> ids) {
    return byExternalIds(namespace, NodeKind.ARTIFACT, ids);
  }

  @Override
  public List<Execution> getExecutionsByExternalIds(String namespace, Collection<String> ids) {
    return byExternalIds(namespace, NodeKind.EXECUTION, ids);
  }

  @Override
  public List<Context> getContextsByExternalIds(String namespace, Collection<String> ids) {
    return byExternalIds(namespace, NodeKind.CONTEXT, ids);
  }

  private <T extends Message> List<T> byExternalIds(
      String ns, NodeKind<T> kind, Collection<String> externalIds) {
    Keys.checkNamespace(ns);
    Tx tx = tx();
    List<Long> ids = new ArrayList<>();
    for (String externalId : externalIds) {
      if (externalId.indexOf('\0') < 0) {
        byte[] id = tx.get(Cf.EXTERNAL_IDS, Keys.externalId(ns, kind.tag, externalId));
        if (id != null) {
          ids.add(Keys.longValue(id));
        }
      }
    }
    return loadAll(ns, kind.cf, kind::parse, ids);
  }

  // ---------------------------------------------------------------- listing and filters

  @Override
  public Page<Artifact> listArtifacts(String namespace, ListOptions options) {
    return lister.list(namespace, ListableKind.ARTIFACTS, options);
  }

  @Override
  public Page<Execution> listExecutions(String namespace, ListOptions options) {
    return lister.list(namespace, ListableKind.EXECUTIONS, options);
  }

  @Override
  public Page<Context> listContexts(String namespace, ListOptions options) {
    return lister.list(namespace, ListableKind.CONTEXTS, options);
  }

  @Override
  public Predicate<Artifact> artifactFilter(String namespace, String filterQuery) {
    return lister.filter(namespace, ListableKind.ARTIFACTS, filterQuery);
  }

  @Override
  public Predicate<Execution> executionFilter(String namespace, String filterQuery) {
    return lister.filter(namespace, ListableKind.EXECUTIONS, filterQuery);
  }

  // ---------------------------------------------------------------- edges

  @Override
  public void putEvents(String namespace, List<Event> events) {
    Keys.checkNamespace(namespace);
    synchronized (writeLock) {
      Tx tx = tx();
      for (Event event : events) {
        Edges.putEvent(tx, clock.millis(), namespace, event, false);
      }
      tx.commit(writeOptions);
    }
  }

  @Override
  public void putAttributionsAndAssociations(
      String namespace, List<Attribution> attributions, List<Association> associations) {
    Keys.checkNamespace(namespace);
    synchronized (writeLock) {
      Tx tx = tx();
      for (Attribution a : attributions) {
        Edges.attribute(tx, namespace, a);
      }
      for (Association a : associations) {
        Edges.associate(tx, namespace, a);
      }
      tx.commit(writeOptions);
    }
  }

  @Override
  public void putParentContexts(String namespace, List<ParentContext> parentContexts) {
    Keys.checkNamespace(namespace);
    synchronized (writeLock) {
      Tx tx = tx();
      for (ParentContext link : parentContexts) {
        Edges.parent(tx, namespace, link);
      }
      tx.commit(writeOptions);
    }
  }

  @Override
  public List<Event> getEventsByArtifactIds(String namespace, Collection<Long> artifactIds) {
    return events(namespace, ARTIFACT_FIRST, artifactIds, ALL_EVENT_TYPES);
  }

  @Override
  public List<Event> getEventsByExecutionIds(String namespace, Collection<Long> executionIds) {
    return events(namespace, EXECUTION_FIRST, executionIds, ALL_EVENT_TYPES);
  }

  @Override
  public List<Event> getEventsByArtifactIds(
      String namespace, Collection<Long> artifactIds, Set<Event.Type> types) {
    return events(namespace, ARTIFACT_FIRST, artifactIds, types);
  }

  @Override
  public List<Event> getEventsByExecutionIds(
      String namespace, Collection<Long> executionIds, Set<Event.Type> types) {
    return events(namespace, EXECUTION_FIRST, executionIds, types);
  }

  /**
   * Events under the ids whose type is in {@code types}. Keys put the side and the type right after
   * the id, so each wanted side or type is one seek: events of other types are never read.
   */
  private List<Event> events(String ns, byte tag, Collection<Long> ids, Set<Event.Type> types) {
    Keys.checkNamespace(ns);
    if (graph != null && graph.usable()) {
      List<Event> fromHeap =
          graph.events(tag == ARTIFACT_FIRST, graph.namespace(ns), sortedDistinct(ids), types);
      if (fromHeap != null) {
        return fromHeap;
      }
    }
    List<Event> out = new ArrayList<>();
    List<Function<Long, byte[]>> ranges = eventRanges(ns, tag, types);
    // One iterator for the whole frontier: one view of the store.
    try (RocksIterator it = db.newIterator(handles.get(Cf.EVENTS))) {
      for (long id : sortedDistinct(ids)) {
        for (Function<Long, byte[]> range : ranges) {
          byte[] prefix = range.apply(id);
          for (it.seek(prefix); it.isValid(); it.next()) {
            byte[] key = it.key();
            if (!Tx.startsWith(key, prefix)) {
              break;
            }
            out.add(parse(Event::parseFrom, it.value()));
          }
        }
      }
    }
    return out;
  }

  /**
   * The key prefixes, in key order, that together hold exactly the events of {@code types} of one
   * node: the whole node, a whole side, or single types.
   */
  private static List<Function<Long, byte[]>> eventRanges(
      String ns, byte tag, Set<Event.Type> types) {
    if (types.containsAll(ALL_EVENT_TYPES)) {
      return List.of(id -> Keys.pair(ns, tag, id));
    }
    List<Function<Long, byte[]>> out = new ArrayList<>();
    for (byte side : EVENT_SIDES) {
      Set<Event.Type> ofSide = TYPES_OF_SIDE.get(side);
      if (types.containsAll(ofSide)) {
        out.add(id -> Keys.eventSide(ns, tag, id, side));
        continue;
      }
      List<Event.Type> wanted = new ArrayList<>(ofSide);
      wanted.retainAll(types);
      wanted.sort(Comparator.comparingInt(Event.Type::getNumber));
      for (Event.Type t : wanted) {
        out.add(id -> Keys.eventType(ns, tag, id, t));
      }
    }
    return out;
  }

  /** The event types of each side, indexed by the side byte. */
  private static List<Set<Event.Type>> typesOfSides() {
    List<Set<Event.Type>> out = new ArrayList<>();
    for (byte side : EVENT_SIDES) {
      Set<Event.Type> ofSide = EnumSet.noneOf(Event.Type.class);
      for (Event.Type t : ALL_EVENT_TYPES) {
        if (Keys.side(t) == side) {
          ofSide.add(t);
        }
      }
      out.add(ofSide);
    }
    return out;
  }

  @Override
  public List<Artifact> getArtifactsByContext(String namespace, long contextId) {
    return linkedNodes(namespace, Cf.ATTRIBUTIONS, CONTEXT_FIRST, contextId, NodeKind.ARTIFACT);
  }

  @Override
  public List<Execution> getExecutionsByContext(String namespace, long contextId) {
    return linkedNodes(namespace, Cf.ASSOCIATIONS, CONTEXT_FIRST, contextId, NodeKind.EXECUTION);
  }

  @Override
  public List<Context> getContextsByArtifact(String namespace, long artifactId) {
    return linkedNodes(namespace, Cf.ATTRIBUTIONS, ARTIFACT_FIRST, artifactId, NodeKind.CONTEXT);
  }

  @Override
  public List<Context> getContextsByExecution(String namespace, long executionId) {
    return linkedNodes(namespace, Cf.ASSOCIATIONS, EXECUTION_FIRST, executionId, NodeKind.CONTEXT);
  }

  @Override
  public List<Context> getParentContexts(String namespace, long contextId) {
    List<Long> ids = linked(namespace, Cf.PARENT_CONTEXTS, CHILD_FIRST, contextId);
    return loadAll(namespace, Cf.CONTEXTS, NodeKind.CONTEXT::parse, ids);
  }

  @Override
  public List<Context> getChildContexts(String namespace, long contextId) {
    List<Long> ids = linked(namespace, Cf.PARENT_CONTEXTS, CONTEXT_FIRST, contextId);
    return loadAll(namespace, Cf.CONTEXTS, NodeKind.CONTEXT::parse, ids);
  }

  /**
   * The nodes linked to {@code id} by an attribution or association; from the heap graph when there
   * is one, the ids already sorted and distinct.
   */
  private <T extends Message> List<T> linkedNodes(
      String ns, Cf edges, byte tag, long id, NodeKind<T> kind) {
    Keys.checkNamespace(ns);
    if (graph != null && graph.usable()) {
      int number = graph.namespace(ns);
      List<T> nodes =
          graph.nodes(
              kind.cf, number, ix -> ix.linked(edges, tag, number, id), m -> fetch(ns, kind.cf, m));
      if (nodes != null) {
        return nodes;
      }
    }
    return loadAll(ns, kind.cf, kind::parse, Edges.linked(tx(), ns, edges, tag, id));
  }

  private List<Long> linked(String ns, Cf cf, byte tag, long id) {
    Keys.checkNamespace(ns);
    return Edges.linked(tx(), ns, cf, tag, id);
  }

  /** Walks the heap graph when there is one; otherwise LineageWalker walks with reads. */
  @Override
  public Optional<Subgraph> walk(String namespace, SubgraphQuery query) {
    Keys.checkNamespace(namespace);
    if (graph == null || !graph.usable()) {
      return Optional.empty();
    }
    HeapWalk walk =
        new HeapWalk(
            graph,
            graph.namespace(namespace),
            ids -> fetch(namespace, Cf.ARTIFACTS, ids),
            ids -> fetch(namespace, Cf.EXECUTIONS, ids));
    return Optional.ofNullable(walk.walk(query));
  }

  // ---------------------------------------------------------------- one step

  @Override
  public PutExecutionResult putExecution(
      String namespace,
      Execution execution,
      List<ArtifactAndEvent> artifactsAndEvents,
      List<Context> contexts) {
    Keys.checkNamespace(namespace);
    synchronized (writeLock) {
      Tx tx = tx();
      long now = clock.millis();
      long executionId = NodeWriter.upsert(tx, now, namespace, NodeKind.EXECUTION, execution, true);
      List<Long> artifactIds = new ArrayList<>();
      for (ArtifactAndEvent pair : artifactsAndEvents) {
        long artifactId =
            NodeWriter.upsert(tx, now, namespace, NodeKind.ARTIFACT, pair.artifact(), true);
        artifactIds.add(artifactId);
        if (pair.event().isPresent()) {
          Event event =
              pair.event().get().toBuilder()
                  .setArtifactId(artifactId)
                  .setExecutionId(executionId)
                  .build();
          Edges.putEvent(tx, now, namespace, event, true);
        }
      }
      List<Long> contextIds = new ArrayList<>();
      for (Context context : contexts) {
        long contextId = NodeWriter.upsert(tx, now, namespace, NodeKind.CONTEXT, context, true);
        contextIds.add(contextId);
        Edges.associate(
            tx,
            namespace,
            Association.newBuilder().setExecutionId(executionId).setContextId(contextId).build());
        for (long artifactId : new HashSet<>(artifactIds)) {
          Edges.attribute(
              tx,
              namespace,
              Attribution.newBuilder().setArtifactId(artifactId).setContextId(contextId).build());
        }
      }
      tx.commit(writeOptions);
      return new PutExecutionResult(executionId, artifactIds, contextIds);
    }
  }

  // ---------------------------------------------------------------- deletion

  @Override
  public Dependents dependentsOfArtifact(String namespace, long artifactId) {
    Keys.checkNamespace(namespace);
    return NodeDeleter.dependents(tx(), namespace, NodeKind.ARTIFACT, artifactId);
  }

  @Override
  public Dependents dependentsOfExecution(String namespace, long executionId) {
    Keys.checkNamespace(namespace);
    return NodeDeleter.dependents(tx(), namespace, NodeKind.EXECUTION, executionId);
  }

  @Override
  public Dependents dependentsOfContext(String namespace, long contextId) {
    Keys.checkNamespace(namespace);
    return NodeDeleter.dependents(tx(), namespace, NodeKind.CONTEXT, contextId);
  }

  @Override
  public Dependents deleteArtifact(String namespace, long artifactId, DeleteMode mode) {
    return delete(namespace, NodeKind.ARTIFACT, artifactId, mode);
  }

  @Override
  public Dependents deleteExecution(String namespace, long executionId, DeleteMode mode) {
    return delete(namespace, NodeKind.EXECUTION, executionId, mode);
  }

  @Override
  public Dependents deleteContext(String namespace, long contextId, DeleteMode mode) {
    return delete(namespace, NodeKind.CONTEXT, contextId, mode);
  }

  private <T extends Message> Dependents delete(
      String ns, NodeKind<T> kind, long id, DeleteMode mode) {
    Keys.checkNamespace(ns);
    synchronized (writeLock) {
      Tx tx = tx();
      Dependents dependents = NodeDeleter.delete(tx, clock.millis(), ns, kind, id, mode);
      tx.commit(writeOptions);
      return dependents;
    }
  }

  @Override
  public List<SnapshotPin> snapshotPins() {
    return SnapshotPins.list(db, handles.get(Cf.ARTIFACT_URIS), handles.get(Cf.ARTIFACTS));
  }

  // ---------------------------------------------------------------- helpers

  interface Parser<T> {
    T parse(byte[] bytes) throws InvalidProtocolBufferException;
  }

  static <T> T parse(Parser<T> parser, byte[] bytes) {
    try {
      return parser.parse(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new LineageException("Cannot read lineage store: corrupt record: " + e, e);
    }
  }

  static <T> Optional<T> load(Tx tx, String ns, Cf cf, Parser<T> parser, long id) {
    byte[] bytes = tx.get(cf, Keys.id(ns, id));
    return bytes == null ? Optional.empty() : Optional.of(parse(parser, bytes));
  }

  /** Loads the ids that exist, deduplicated, in id order. */
  private <T> List<T> loadAll(String ns, Cf cf, Parser<T> parser, Collection<Long> ids) {
    Keys.checkNamespace(ns);
    long[] sorted = sortedDistinct(ids);
    if (graph != null && graph.usable() && HeapGraph.isNode(cf)) {
      List<T> fromHeap =
          graph.nodes(cf, graph.namespace(ns), sorted, missing -> fetch(ns, cf, missing));
      if (fromHeap != null) {
        return fromHeap;
      }
    }
    List<byte[]> keys = new ArrayList<>(sorted.length);
    for (long id : sorted) {
      keys.add(Keys.id(ns, id));
    }
    List<T> out = new ArrayList<>(sorted.length);
    for (byte[] bytes : tx().getAll(cf, keys)) {
      if (bytes != null) {
        out.add(parse(parser, bytes));
      }
    }
    return out;
  }

  private List<byte[]> fetch(String ns, Cf cf, long[] ids) {
    List<byte[]> keys = new ArrayList<>(ids.length);
    for (long id : ids) {
      keys.add(Keys.id(ns, id));
    }
    return tx().getAll(cf, keys);
  }

  /** The ids in ascending order without repeats; cheaper than a TreeSet for small batches. */
  private static long[] sortedDistinct(Collection<Long> ids) {
    long[] a = new long[ids.size()];
    int n = 0;
    for (long id : ids) {
      a[n++] = id;
    }
    Arrays.sort(a);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || a[i] != a[distinct - 1]) {
        a[distinct++] = a[i];
      }
    }
    return distinct == n ? a : Arrays.copyOf(a, distinct);
  }

  private <T> List<T> scanValues(String ns, Cf cf, Parser<T> parser) {
    Keys.checkNamespace(ns);
    List<T> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : tx().scan(cf, Keys.namespace(ns))) {
      out.add(parse(parser, e.getValue()));
    }
    return out;
  }
}

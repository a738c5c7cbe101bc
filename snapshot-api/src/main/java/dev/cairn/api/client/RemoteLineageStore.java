package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import dev.cairn.api.LineageJson;
import dev.cairn.api.client.LineageCalls.Query;
import dev.cairn.lineage.ArtifactAndEvent;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.NodeFilters;
import dev.cairn.lineage.Page;
import dev.cairn.lineage.PutExecutionResult;
import dev.cairn.lineage.SnapshotPin;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphRequest;
import dev.cairn.lineage.SupportsSubgraph;
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
import dev.cairn.lineage.mlmd.LineageGraph;
import dev.cairn.lineage.mlmd.ParentContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A {@link LineageStore} on a {@code cairn serve}, through its lineage routes: each call is one
 * HTTP request (lookups of many ids a few), answered atomically by the server's store, with the
 * same results and the same {@link LineageException}s as a local store. Subgraph walks run on the
 * server ({@link SupportsSubgraph}); {@link #artifactFilter} and {@link #executionFilter} compile
 * the filter here and read the neighbours it names from the server, one request per node tested.
 *
 * <p>What the token may see bounds what the store shows: another namespace's data is a 403 ({@link
 * LineageException.InvalidArgument}), never an empty answer. {@link #snapshotPins} needs an admin
 * token for every namespace. Thread-safe; {@link #close} releases nothing.
 */
public final class RemoteLineageStore implements LineageStore, SupportsSubgraph {
  /** A node kind's path segment, the field its ids come back in, and its builder. */
  private record Kind(String name, Supplier<? extends Message.Builder> builder) {
    String plural() {
      return name + "s";
    }
  }

  private static final Kind ARTIFACT = new Kind("artifact", Artifact::newBuilder);
  private static final Kind EXECUTION = new Kind("execution", Execution::newBuilder);
  private static final Kind CONTEXT = new Kind("context", Context::newBuilder);
  private static final Kind ARTIFACT_TYPE = new Kind("artifact_type", ArtifactType::newBuilder);
  private static final Kind EXECUTION_TYPE = new Kind("execution_type", ExecutionType::newBuilder);
  private static final Kind CONTEXT_TYPE = new Kind("context_type", ContextType::newBuilder);

  private final LineageCalls calls;

  public RemoteLineageStore(ApiClient client) {
    this.calls = new LineageCalls(client);
  }

  // ---- types ----

  @Override
  public long putArtifactType(String namespace, ArtifactType type, TypeUpsert upsert) {
    return putType(namespace, ARTIFACT_TYPE, type, upsert);
  }

  @Override
  public long putExecutionType(String namespace, ExecutionType type, TypeUpsert upsert) {
    return putType(namespace, EXECUTION_TYPE, type, upsert);
  }

  @Override
  public long putContextType(String namespace, ContextType type, TypeUpsert upsert) {
    return putType(namespace, CONTEXT_TYPE, type, upsert);
  }

  @Override
  public Optional<ArtifactType> findArtifactType(String namespace, String name, String version) {
    return findType(namespace, ARTIFACT_TYPE, name, version);
  }

  @Override
  public Optional<ExecutionType> findExecutionType(String namespace, String name, String version) {
    return findType(namespace, EXECUTION_TYPE, name, version);
  }

  @Override
  public Optional<ContextType> findContextType(String namespace, String name, String version) {
    return findType(namespace, CONTEXT_TYPE, name, version);
  }

  @Override
  public List<ArtifactType> getArtifactTypesByIds(String namespace, Collection<Long> ids) {
    return byIds(namespace, ARTIFACT_TYPE, ids);
  }

  @Override
  public List<ExecutionType> getExecutionTypesByIds(String namespace, Collection<Long> ids) {
    return byIds(namespace, EXECUTION_TYPE, ids);
  }

  @Override
  public List<ContextType> getContextTypesByIds(String namespace, Collection<Long> ids) {
    return byIds(namespace, CONTEXT_TYPE, ids);
  }

  @Override
  public List<ArtifactType> getArtifactTypes(String namespace) {
    return lookup(namespace, ARTIFACT_TYPE, new Query());
  }

  @Override
  public List<ExecutionType> getExecutionTypes(String namespace) {
    return lookup(namespace, EXECUTION_TYPE, new Query());
  }

  @Override
  public List<ContextType> getContextTypes(String namespace) {
    return lookup(namespace, CONTEXT_TYPE, new Query());
  }

  private long putType(String ns, Kind kind, Message type, TypeUpsert upsert) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(kind.name(), type);
    body.put("can_add_fields", upsert.canAddFields());
    body.put("can_omit_fields", upsert.canOmitFields());
    return calls.post(LineageCalls.path(ns, "/" + typePath(kind)), body).path("type_id").asLong();
  }

  private <T extends Message> Optional<T> findType(
      String ns, Kind kind, String name, String version) {
    Query q = new Query().add("name", name);
    if (!version.isEmpty()) {
      q.add("version", version);
    }
    return this.<T>lookup(ns, kind, q).stream().findFirst();
  }

  // ---- nodes ----

  @Override
  public List<Long> putArtifacts(String namespace, List<Artifact> artifacts) {
    return putNodes(namespace, ARTIFACT, artifacts);
  }

  @Override
  public List<Long> putExecutions(String namespace, List<Execution> executions) {
    return putNodes(namespace, EXECUTION, executions);
  }

  @Override
  public List<Long> putContexts(String namespace, List<Context> contexts) {
    return putNodes(namespace, CONTEXT, contexts);
  }

  @Override
  public List<Artifact> getArtifactsByIds(String namespace, Collection<Long> ids) {
    return byIds(namespace, ARTIFACT, ids);
  }

  @Override
  public List<Execution> getExecutionsByIds(String namespace, Collection<Long> ids) {
    return byIds(namespace, EXECUTION, ids);
  }

  @Override
  public List<Context> getContextsByIds(String namespace, Collection<Long> ids) {
    return byIds(namespace, CONTEXT, ids);
  }

  @Override
  public List<Artifact> getArtifactsByType(String namespace, String typeName) {
    return lookup(namespace, ARTIFACT, new Query().add("type", typeName));
  }

  @Override
  public List<Execution> getExecutionsByType(String namespace, String typeName) {
    return lookup(namespace, EXECUTION, new Query().add("type", typeName));
  }

  @Override
  public List<Context> getContextsByType(String namespace, String typeName) {
    return lookup(namespace, CONTEXT, new Query().add("type", typeName));
  }

  @Override
  public Optional<Artifact> findArtifactByTypeAndName(
      String namespace, String typeName, String name) {
    return byTypeAndName(namespace, ARTIFACT, typeName, name);
  }

  @Override
  public Optional<Execution> findExecutionByTypeAndName(
      String namespace, String typeName, String name) {
    return byTypeAndName(namespace, EXECUTION, typeName, name);
  }

  @Override
  public Optional<Context> findContextByTypeAndName(
      String namespace, String typeName, String name) {
    return byTypeAndName(namespace, CONTEXT, typeName, name);
  }

  @Override
  public List<Artifact> getArtifactsByUri(String namespace, String uri) {
    return lookup(namespace, ARTIFACT, new Query().add("uri", uri));
  }

  @Override
  public List<Artifact> getArtifactsByExternalIds(String namespace, Collection<String> ids) {
    return byExternalIds(namespace, ARTIFACT, ids, Artifact::getId);
  }

  @Override
  public List<Execution> getExecutionsByExternalIds(String namespace, Collection<String> ids) {
    return byExternalIds(namespace, EXECUTION, ids, Execution::getId);
  }

  @Override
  public List<Context> getContextsByExternalIds(String namespace, Collection<String> ids) {
    return byExternalIds(namespace, CONTEXT, ids, Context::getId);
  }

  private List<Long> putNodes(String ns, Kind kind, List<? extends Message> nodes) {
    JsonNode reply =
        calls.post(LineageCalls.path(ns, "/" + kind.plural()), Map.of(kind.plural(), nodes));
    return LineageCalls.longs(reply, kind.name() + "_ids");
  }

  private <T extends Message> Optional<T> byTypeAndName(
      String ns, Kind kind, String typeName, String name) {
    return this.<T>lookup(ns, kind, new Query().add("type", typeName).add("name", name)).stream()
        .findFirst();
  }

  /** The listed nodes or types a lookup query selects (a node listing answers in "items"). */
  private <T extends Message> List<T> lookup(String ns, Kind kind, Query query) {
    boolean type = kind.name().endsWith("_type");
    JsonNode reply = calls.get(LineageCalls.path(ns, "/" + path(kind)), query);
    return LineageCalls.messages(reply, type ? kind.plural() : "items", kind.builder());
  }

  /**
   * Like a local store: only ids that exist, once each, in id order. Ids that cannot exist are
   * skipped here rather than refused by the server.
   */
  private <T extends Message> List<T> byIds(String ns, Kind kind, Collection<Long> ids) {
    List<Long> wanted = new ArrayList<>(new TreeSet<>(ids));
    wanted.removeIf(i -> i <= 0);
    if (wanted.isEmpty()) {
      LineageCalls.checkNamespace(ns);
      return List.of();
    }
    boolean type = kind.name().endsWith("_type");
    return calls.getSliced(
        LineageCalls.path(ns, "/" + path(kind)),
        "id",
        wanted,
        type ? kind.plural() : "items",
        kind.builder());
  }

  private <T extends Message> List<T> byExternalIds(
      String ns, Kind kind, Collection<String> externalIds, ToLongFunction<T> id) {
    if (externalIds.isEmpty()) {
      LineageCalls.checkNamespace(ns);
      return List.of();
    }
    List<T> found =
        calls.getSliced(
            LineageCalls.path(ns, "/" + kind.plural()),
            "external_id",
            List.copyOf(externalIds),
            "items",
            kind.builder());
    // Slices answer separately: merge them into one id-ordered list without repeats.
    Map<Long, T> byId = new TreeMap<>();
    found.forEach(n -> byId.putIfAbsent(id.applyAsLong(n), n));
    return new ArrayList<>(byId.values());
  }

  private static String path(Kind kind) {
    return kind.name().endsWith("_type") ? typePath(kind) : kind.plural();
  }

  /** "artifact_type" -> "artifact-types". */
  private static String typePath(Kind kind) {
    return kind.name().replace('_', '-') + "s";
  }

  // ---- listing and filters ----

  @Override
  public Page<Artifact> listArtifacts(String namespace, ListOptions options) {
    return list(namespace, ARTIFACT, options);
  }

  @Override
  public Page<Execution> listExecutions(String namespace, ListOptions options) {
    return list(namespace, EXECUTION, options);
  }

  @Override
  public Page<Context> listContexts(String namespace, ListOptions options) {
    return list(namespace, CONTEXT, options);
  }

  private <T extends Message> Page<T> list(String ns, Kind kind, ListOptions options) {
    Query q =
        new Query()
            .add("limit", options.maxResultSize())
            .add("order_by", options.orderBy().name().toLowerCase(Locale.ROOT))
            .add("asc", options.ascending());
    if (options.filterQuery() != null) {
      q.add("filter", options.filterQuery());
    }
    if (options.pageToken() != null) {
      q.add("page_token", options.pageToken());
    }
    JsonNode reply = calls.get(LineageCalls.path(ns, "/" + kind.plural()), q);
    JsonNode token = reply.path("next_page_token");
    return new Page<>(
        LineageCalls.messages(reply, "items", kind.builder()),
        token.isTextual() ? Optional.of(token.asText()) : Optional.empty());
  }

  @Override
  public Predicate<Artifact> artifactFilter(String namespace, String filterQuery) {
    LineageCalls.checkNamespace(namespace);
    return NodeFilters.artifacts(this, namespace, filterQuery);
  }

  @Override
  public Predicate<Execution> executionFilter(String namespace, String filterQuery) {
    LineageCalls.checkNamespace(namespace);
    return NodeFilters.executions(this, namespace, filterQuery);
  }

  // ---- edges ----

  @Override
  public void putEvents(String namespace, List<Event> events) {
    calls.post(LineageCalls.path(namespace, "/events"), Map.of("events", events));
  }

  @Override
  public void putAttributionsAndAssociations(
      String namespace, List<Attribution> attributions, List<Association> associations) {
    calls.post(
        LineageCalls.path(namespace, "/attributions-and-associations"),
        Map.of("attributions", attributions, "associations", associations));
  }

  @Override
  public void putParentContexts(String namespace, List<ParentContext> parentContexts) {
    calls.post(
        LineageCalls.path(namespace, "/parent-contexts"),
        Map.of("parent_contexts", parentContexts));
  }

  @Override
  public List<Event> getEventsByArtifactIds(String namespace, Collection<Long> artifactIds) {
    return events(namespace, "artifact_id", artifactIds);
  }

  @Override
  public List<Event> getEventsByExecutionIds(String namespace, Collection<Long> executionIds) {
    return events(namespace, "execution_id", executionIds);
  }

  private List<Event> events(String ns, String param, Collection<Long> ids) {
    List<Long> wanted = new ArrayList<>(new TreeSet<>(ids));
    wanted.removeIf(i -> i <= 0);
    String path = LineageCalls.path(ns, "/events");
    return wanted.isEmpty()
        ? List.of()
        : calls.getSliced(path, param, wanted, "events", Event::newBuilder);
  }

  @Override
  public List<Artifact> getArtifactsByContext(String namespace, long contextId) {
    return linked(namespace, CONTEXT, contextId, "artifacts", "artifacts", ARTIFACT);
  }

  @Override
  public List<Execution> getExecutionsByContext(String namespace, long contextId) {
    return linked(namespace, CONTEXT, contextId, "executions", "executions", EXECUTION);
  }

  @Override
  public List<Context> getContextsByArtifact(String namespace, long artifactId) {
    return linked(namespace, ARTIFACT, artifactId, "contexts", "contexts", CONTEXT);
  }

  @Override
  public List<Context> getContextsByExecution(String namespace, long executionId) {
    return linked(namespace, EXECUTION, executionId, "contexts", "contexts", CONTEXT);
  }

  @Override
  public List<Context> getParentContexts(String namespace, long contextId) {
    return linked(namespace, CONTEXT, contextId, "parents", "contexts", CONTEXT);
  }

  @Override
  public List<Context> getChildContexts(String namespace, long contextId) {
    return linked(namespace, CONTEXT, contextId, "children", "contexts", CONTEXT);
  }

  /** A local store answers a missing node's links with none; the server says 404. */
  private <T extends Message> List<T> linked(
      String ns, Kind from, long id, String what, String field, Kind to) {
    String path = LineageCalls.path(ns, "/" + from.plural() + "/" + id + "/" + what);
    if (id <= 0) {
      return List.of();
    }
    try {
      return LineageCalls.messages(calls.get(path, new Query()), field, to.builder());
    } catch (LineageException.NotFound e) {
      return List.of();
    }
  }

  // ---- one step ----

  @Override
  public PutExecutionResult putExecution(
      String namespace,
      Execution execution,
      List<ArtifactAndEvent> artifactsAndEvents,
      List<Context> contexts) {
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (ArtifactAndEvent pair : artifactsAndEvents) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("artifact", pair.artifact());
      pair.event().ifPresent(e -> p.put("event", e));
      pairs.add(p);
    }
    JsonNode reply =
        calls.post(
            LineageCalls.path(namespace, "/put-execution"),
            Map.of("execution", execution, "artifact_event_pairs", pairs, "contexts", contexts));
    return LineageJson.value(reply, PutExecutionResult.class);
  }

  // ---- deletion ----

  @Override
  public Dependents dependentsOfArtifact(String namespace, long artifactId) {
    return dependents(namespace, ARTIFACT, artifactId);
  }

  @Override
  public Dependents dependentsOfExecution(String namespace, long executionId) {
    return dependents(namespace, EXECUTION, executionId);
  }

  @Override
  public Dependents dependentsOfContext(String namespace, long contextId) {
    return dependents(namespace, CONTEXT, contextId);
  }

  @Override
  public Dependents deleteArtifact(String namespace, long artifactId, DeleteMode mode) {
    return delete(namespace, ARTIFACT, artifactId, mode);
  }

  @Override
  public Dependents deleteExecution(String namespace, long executionId, DeleteMode mode) {
    return delete(namespace, EXECUTION, executionId, mode);
  }

  @Override
  public Dependents deleteContext(String namespace, long contextId, DeleteMode mode) {
    return delete(namespace, CONTEXT, contextId, mode);
  }

  private Dependents dependents(String ns, Kind kind, long id) {
    String path = LineageCalls.path(ns, "/" + kind.plural() + "/" + id + "/dependents");
    requireStorable(ns, kind, id);
    return LineageJson.dependents(calls.get(path, new Query()));
  }

  private Dependents delete(String ns, Kind kind, long id, DeleteMode mode) {
    String path = LineageCalls.path(ns, "/" + kind.plural() + "/" + id);
    requireStorable(ns, kind, id);
    JsonNode reply =
        calls.delete(path, new Query().add("mode", mode.name().toLowerCase(Locale.ROOT)));
    return LineageJson.dependents(reply.path("dependents"));
  }

  /** Ids below 1 are never stored: missing, as a local store reports them, not a bad request. */
  private static void requireStorable(String ns, Kind kind, long id) {
    if (id <= 0) {
      throw new LineageException.NotFound(
          "Cannot find " + kind.name() + " " + id + ": it does not exist in namespace " + ns);
    }
  }

  // ---- garbage collection ----

  @Override
  public List<SnapshotPin> snapshotPins() {
    JsonNode reply = calls.get("/api/v1/lineage/pins", new Query());
    List<SnapshotPin> pins = new ArrayList<>();
    reply.path("pins").forEach(p -> pins.add(LineageJson.value(p, SnapshotPin.class)));
    return pins;
  }

  // ---- subgraph ----

  @Override
  public Subgraph subgraph(String namespace, SubgraphRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("start_artifact_ids", request.startArtifactIds());
    body.put("start_execution_ids", request.startExecutionIds());
    body.put("start_artifact_filter", request.startArtifactFilter());
    body.put("start_execution_filter", request.startExecutionFilter());
    body.put("direction", request.direction().name());
    body.put("max_hops", request.maxHops());
    body.put("ending_artifact_filter", request.endingArtifactFilter());
    body.put("ending_execution_filter", request.endingExecutionFilter());
    body.put("include_ending_nodes", request.includeEndingNodes());
    // An empty start is an empty graph locally; the server refuses it as a request.
    if (request.startArtifactIds().isEmpty()
        && request.startExecutionIds().isEmpty()
        && request.startArtifactFilter() == null
        && request.startExecutionFilter() == null) {
      LineageCalls.checkNamespace(namespace);
      return new Subgraph(List.of(), List.of(), List.of());
    }
    LineageGraph g =
        LineageCalls.message(
            calls.post(LineageCalls.path(namespace, "/subgraph"), body), LineageGraph.newBuilder());
    return new Subgraph(g.getArtifactsList(), g.getExecutionsList(), g.getEventsList());
  }

  @Override
  public void close() {
    // Nothing is held between calls; the HTTP client belongs to the caller.
  }
}

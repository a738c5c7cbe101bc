package dev.cairn.lineage;

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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * MLMD's metadata model (types, artifacts, executions, contexts and the edges between them), with
 * every operation scoped to one namespace: nothing written in one namespace is visible from
 * another, and ids from another namespace read as missing.
 *
 * <p>Rules on top of MLMD's: an artifact whose uri starts with {@value #SNAPSHOT_URI_PREFIX} keeps
 * that uri forever. Names, uris and external ids may not contain the NUL character.
 *
 * <p>Writes are serialized and each call is one atomic RocksDB write batch: a call that throws
 * leaves nothing behind. Reads may run concurrently with writes. Queries return nodes in id order;
 * ids that are missing from a by-id query are skipped, as MLMD does.
 *
 * <p>Errors are {@link LineageException}s.
 */
public interface LineageStore extends AutoCloseable {
  /** Uris of Cairn snapshots: {@code cairn:snapshot/<id>}. */
  String SNAPSHOT_URI_PREFIX = "cairn:snapshot/";

  // ---- types ----

  /**
   * Creates the type, or merges it into the stored type of the same name and version under {@code
   * upsert}'s rules.
   *
   * @return the type's id
   */
  long putArtifactType(String namespace, ArtifactType type, TypeUpsert upsert);

  long putExecutionType(String namespace, ExecutionType type, TypeUpsert upsert);

  long putContextType(String namespace, ContextType type, TypeUpsert upsert);

  /** Finds the unversioned type of this name. */
  default Optional<ArtifactType> findArtifactType(String namespace, String name) {
    return findArtifactType(namespace, name, "");
  }

  /** Finds a type by name and version ({@code ""} for an unversioned type). */
  Optional<ArtifactType> findArtifactType(String namespace, String name, String version);

  default Optional<ExecutionType> findExecutionType(String namespace, String name) {
    return findExecutionType(namespace, name, "");
  }

  Optional<ExecutionType> findExecutionType(String namespace, String name, String version);

  default Optional<ContextType> findContextType(String namespace, String name) {
    return findContextType(namespace, name, "");
  }

  Optional<ContextType> findContextType(String namespace, String name, String version);

  List<ArtifactType> getArtifactTypesByIds(String namespace, Collection<Long> ids);

  List<ExecutionType> getExecutionTypesByIds(String namespace, Collection<Long> ids);

  List<ContextType> getContextTypesByIds(String namespace, Collection<Long> ids);

  List<ArtifactType> getArtifactTypes(String namespace);

  List<ExecutionType> getExecutionTypes(String namespace);

  List<ContextType> getContextTypes(String namespace);

  // ---- nodes ----

  /**
   * Inserts the artifacts without an id and updates those with one (MLMD's PutArtifacts).
   * Properties are checked against the type; create and update times come from the store's clock.
   * On update, a missing type id, name, external id or uri keeps the stored value; a different type
   * id, name or external id, or a new uri for a snapshot artifact, is an error.
   *
   * @return the ids, in request order
   */
  List<Long> putArtifacts(String namespace, List<Artifact> artifacts);

  List<Long> putExecutions(String namespace, List<Execution> executions);

  /** Like {@link #putArtifacts}; a context must have a name. */
  List<Long> putContexts(String namespace, List<Context> contexts);

  List<Artifact> getArtifactsByIds(String namespace, Collection<Long> ids);

  List<Execution> getExecutionsByIds(String namespace, Collection<Long> ids);

  List<Context> getContextsByIds(String namespace, Collection<Long> ids);

  /** All nodes of the unversioned type {@code typeName}; empty if there is no such type. */
  List<Artifact> getArtifactsByType(String namespace, String typeName);

  List<Execution> getExecutionsByType(String namespace, String typeName);

  List<Context> getContextsByType(String namespace, String typeName);

  Optional<Artifact> findArtifactByTypeAndName(String namespace, String typeName, String name);

  Optional<Execution> findExecutionByTypeAndName(String namespace, String typeName, String name);

  Optional<Context> findContextByTypeAndName(String namespace, String typeName, String name);

  List<Artifact> getArtifactsByUri(String namespace, String uri);

  List<Artifact> getArtifactsByExternalIds(String namespace, Collection<String> externalIds);

  List<Execution> getExecutionsByExternalIds(String namespace, Collection<String> externalIds);

  List<Context> getContextsByExternalIds(String namespace, Collection<String> externalIds);

  // ---- listing and filters ----

  /**
   * One page of the namespace's artifacts that match {@code options}' filter, in its order.
   *
   * <p>The filter is MLMD's filter_query (see {@code dev.cairn.lineage.filter.Filter}). Pages are
   * stable: a node inserted after the first page never appears in later pages, and no node appears
   * twice while its order value stays put. Ordered by {@link ListOptions.OrderBy#LAST_UPDATE_TIME},
   * an update while pages are read moves the node: ascending, it can appear again further on;
   * descending, it is missed if it had not been returned yet. Whether a node matches is decided
   * when its page is read, so an update can also move it into or out of the filter.
   *
   * @throws LineageException.InvalidArgument for a malformed filter, or a page token that is
   *     garbage or was issued for another namespace, node kind, order or filter
   */
  Page<Artifact> listArtifacts(String namespace, ListOptions options);

  /** Like {@link #listArtifacts}, for executions. */
  Page<Execution> listExecutions(String namespace, ListOptions options);

  /** Like {@link #listArtifacts}, for contexts. */
  Page<Context> listContexts(String namespace, ListOptions options);

  /**
   * Compiles a filter once and tests single nodes against it (used for lineage ending-node
   * filters). The node's own fields come from the node passed in; its contexts and events, if the
   * filter names them, are read from this namespace at test time, so the store must stay open. A
   * null or blank filter accepts every node. The predicate is thread-safe.
   *
   * @throws LineageException.InvalidArgument for a malformed filter
   */
  Predicate<Artifact> artifactFilter(String namespace, String filterQuery);

  /** Like {@link #artifactFilter}, for executions. */
  Predicate<Execution> executionFilter(String namespace, String filterQuery);

  // ---- edges ----

  /**
   * Inserts events; both ends must exist. An event's time defaults to the store's clock. A second
   * event with the same artifact, execution and type is {@link LineageException.AlreadyExists}.
   */
  void putEvents(String namespace, List<Event> events);

  /** Links artifacts and executions to contexts; links that already exist are left as they are. */
  void putAttributionsAndAssociations(
      String namespace, List<Attribution> attributions, List<Association> associations);

  /** Links child contexts to parents; existing links are kept, self links and cycles refused. */
  void putParentContexts(String namespace, List<ParentContext> parentContexts);

  List<Event> getEventsByArtifactIds(String namespace, Collection<Long> artifactIds);

  List<Event> getEventsByExecutionIds(String namespace, Collection<Long> executionIds);

  /**
   * The events of these artifacts whose type is one of {@code types}: what a walk in one direction
   * crosses. A store may skip the other events without reading them (a source read by thousands of
   * steps has thousands of INPUT events and one OUTPUT event, if any).
   */
  default List<Event> getEventsByArtifactIds(
      String namespace, Collection<Long> artifactIds, Set<Event.Type> types) {
    return getEventsByArtifactIds(namespace, artifactIds).stream()
        .filter(e -> types.contains(e.getType()))
        .toList();
  }

  /** Like {@link #getEventsByArtifactIds(String, Collection, Set)}, from executions. */
  default List<Event> getEventsByExecutionIds(
      String namespace, Collection<Long> executionIds, Set<Event.Type> types) {
    return getEventsByExecutionIds(namespace, executionIds).stream()
        .filter(e -> types.contains(e.getType()))
        .toList();
  }

  List<Artifact> getArtifactsByContext(String namespace, long contextId);

  List<Execution> getExecutionsByContext(String namespace, long contextId);

  List<Context> getContextsByArtifact(String namespace, long artifactId);

  List<Context> getContextsByExecution(String namespace, long executionId);

  List<Context> getParentContexts(String namespace, long contextId);

  List<Context> getChildContexts(String namespace, long contextId);

  // ---- one step ----

  /**
   * Records one execution with its artifacts, events and contexts in one atomic write (MLMD's
   * PutExecution): upserts the execution, each artifact and each context, inserts the events, and
   * links the execution and every artifact to every context.
   *
   * <p>Idempotent on retry: an execution or artifact without an id whose external id is stored
   * resolves to the stored node (and is updated), a context without an id resolves to the stored
   * context of the same type and name (or external id), and events or links that already exist are
   * kept. So a step that retries after a lost reply creates no duplicates.
   */
  PutExecutionResult putExecution(
      String namespace,
      Execution execution,
      List<ArtifactAndEvent> artifactsAndEvents,
      List<Context> contexts);

  // ---- deletion (Cairn's; MLMD has none) ----

  /** The events and links that refer to the artifact; a delete would break or remove them. */
  Dependents dependentsOfArtifact(String namespace, long artifactId);

  Dependents dependentsOfExecution(String namespace, long executionId);

  Dependents dependentsOfContext(String namespace, long contextId);

  /**
   * Deletes an artifact: SOFT marks it DELETED, HARD removes it unless something refers to it
   * ({@link LineageException.FailedPrecondition} naming what does), CASCADE removes it with its
   * events and links. Other nodes are never deleted.
   *
   * @return what referred to the artifact
   */
  Dependents deleteArtifact(String namespace, long artifactId, DeleteMode mode);

  /** Like {@link #deleteArtifact}; SOFT is {@link LineageException.InvalidArgument}. */
  Dependents deleteExecution(String namespace, long executionId, DeleteMode mode);

  /** Like {@link #deleteArtifact}; SOFT is {@link LineageException.InvalidArgument}. */
  Dependents deleteContext(String namespace, long contextId, DeleteMode mode);

  // ---- garbage collection ----

  /**
   * Every snapshot that an artifact not in state DELETED refers to by a {@value
   * #SNAPSHOT_URI_PREFIX} uri, in every namespace: the snapshots garbage collection must keep.
   */
  List<SnapshotPin> snapshotPins();

  @Override
  void close();
}

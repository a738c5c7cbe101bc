package dev.cairn.api.routes;

import com.google.protobuf.Message;
import dev.cairn.lineage.DeleteMode;
import dev.cairn.lineage.Dependents;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.Page;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Execution;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the node routes need of artifacts, executions or contexts, bound to one store, so that one
 * set of route handlers serves all three. Only artifacts have a uri to look them up by.
 */
record LineageNodeKind<T extends Message>(
    String name,
    Supplier<Message.Builder> builder,
    BiFunction<String, List<T>, List<Long>> put,
    BiFunction<String, Collection<Long>, List<T>> byIds,
    BiFunction<String, String, List<T>> byType,
    ByTypeAndName<T> byTypeAndName,
    BiFunction<String, Collection<String>, List<T>> byExternalIds,
    BiFunction<String, ListOptions, Page<T>> list,
    BiFunction<String, Long, Dependents> dependents,
    Delete delete,
    Optional<BiFunction<String, String, List<T>>> byUri) {

  @FunctionalInterface
  interface ByTypeAndName<T> {
    Optional<T> find(String namespace, String typeName, String name);
  }

  @FunctionalInterface
  interface Delete {
    Dependents delete(String namespace, long id, DeleteMode mode);
  }

  static LineageNodeKind<Artifact> artifacts(LineageStore s) {
    return new LineageNodeKind<>(
        "artifact",
        Artifact::newBuilder,
        s::putArtifacts,
        s::getArtifactsByIds,
        s::getArtifactsByType,
        s::findArtifactByTypeAndName,
        s::getArtifactsByExternalIds,
        s::listArtifacts,
        s::dependentsOfArtifact,
        s::deleteArtifact,
        Optional.of(s::getArtifactsByUri));
  }

  static LineageNodeKind<Execution> executions(LineageStore s) {
    return new LineageNodeKind<>(
        "execution",
        Execution::newBuilder,
        s::putExecutions,
        s::getExecutionsByIds,
        s::getExecutionsByType,
        s::findExecutionByTypeAndName,
        s::getExecutionsByExternalIds,
        s::listExecutions,
        s::dependentsOfExecution,
        s::deleteExecution,
        Optional.empty());
  }

  static LineageNodeKind<Context> contexts(LineageStore s) {
    return new LineageNodeKind<>(
        "context",
        Context::newBuilder,
        s::putContexts,
        s::getContextsByIds,
        s::getContextsByType,
        s::findContextByTypeAndName,
        s::getContextsByExternalIds,
        s::listContexts,
        s::dependentsOfContext,
        s::deleteContext,
        Optional.empty());
  }

  /** "artifacts": the path segment and the request field. */
  String plural() {
    return name + "s";
  }

  /** "Artifact", for operation ids. */
  String title() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The node, or 404 naming it. */
  T load(String namespace, long id) {
    List<T> found = byIds.apply(namespace, List.of(id));
    if (found.isEmpty()) {
      throw new LineageException.NotFound(
          title() + " " + id + " does not exist in namespace " + namespace);
    }
    return found.get(0);
  }
}

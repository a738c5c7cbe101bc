package dev.cairn.perf.lineage;

import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Execution;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a query answered, in terms both stores share: artifact uris and execution names (each store
 * has its own ids).
 */
record NodeSet(Set<String> artifactUris, Set<String> executionNames) {
  NodeSet {
    artifactUris = Set.copyOf(artifactUris);
    executionNames = Set.copyOf(executionNames);
  }

  static NodeSet of(List<Artifact> artifacts, List<Execution> executions) {
    return new NodeSet(
        artifacts.stream().map(Artifact::getUri).collect(Collectors.toSet()),
        executions.stream().map(Execution::getName).collect(Collectors.toSet()));
  }

  static NodeSet of(Subgraph g) {
    return of(g.artifacts(), g.executions());
  }

  static NodeSet ofRows(List<SqliteQueries.Node> rows) {
    Set<String> uris = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    for (SqliteQueries.Node n : rows) {
      (n.artifact() ? uris : names).add(n.artifact() ? n.uri() : n.name());
    }
    return new NodeSet(uris, names);
  }

  int size() {
    return artifactUris.size() + executionNames.size();
  }
}

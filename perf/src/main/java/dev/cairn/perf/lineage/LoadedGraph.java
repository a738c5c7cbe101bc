package dev.cairn.perf.lineage;

import dev.cairn.lineage.LineageStore;

/**
 * A deterministic pipeline lineage graph written into a store the way {@code cairn step run} writes
 * it, with the ids the store gave each run's context and each run's final artifact: the start
 * points of lineage queries for benchmarks outside this package (ApiBench).
 */
public final class LoadedGraph {
  private final long[] runContexts;
  private final long[] finalArtifacts;
  private final long nodes;

  private LoadedGraph(long[] runContexts, long[] finalArtifacts, long nodes) {
    this.runContexts = runContexts;
    this.finalArtifacts = finalArtifacts;
    this.nodes = nodes;
  }

  /**
   * Loads a graph of about {@code nodes} nodes (300 shared sources, 20 pipelines, seed 1) into
   * {@code namespace}, one synced step at a time.
   */
  public static LoadedGraph load(LineageStore store, String namespace, long nodes) {
    PipelineGraph graph = new PipelineGraph(new PipelineGraph.Shape(1, nodes, 300, 20));
    PipelineGraph.Totals totals = graph.totals();
    new RocksLoader(store, namespace).load(graph, new Progress("lineage", totals.steps()));
    QuerySampler.StartPoints starts =
        LineageBench.startPoints(graph, totals.runs(), store, namespace);
    return new LoadedGraph(starts.rocksContexts(), starts.rocksFinals(), totals.nodes());
  }

  public int runs() {
    return runContexts.length;
  }

  public long nodes() {
    return nodes;
  }

  /** The store's id of run {@code i}'s context (0-based). */
  public long runContext(int i) {
    return runContexts[i];
  }

  /** The store's id of the artifact the last step of run {@code i} wrote. */
  public long finalArtifact(int i) {
    return finalArtifacts[i];
  }
}

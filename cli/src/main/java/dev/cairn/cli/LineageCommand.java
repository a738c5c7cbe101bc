package dev.cairn.cli;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.LineageWalker;
import dev.cairn.lineage.Subgraph;
import dev.cairn.lineage.SubgraphRequest;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.store.NotFoundException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lineage",
    description = "Lineage of snapshots and steps.",
    subcommands = {
      LineageCommand.Show.class,
      LineageListCommand.class,
      LineageDeleteCommand.class,
      LineagePinsCommand.class
    })
final class LineageCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: show, list, delete or pins");
  }

  /** A node as listings show it. */
  record Node(String id, String kind, String label) {}

  /** An event between an artifact and an execution, drawn in data-flow direction. */
  record Edge(String from, String to, String type) {}

  @Command(
      name = "show",
      description = {
        "The lineage subgraph around a snapshot, artifact or execution.",
        "ID: a snapshot id, unique prefix or NS/REF; or artifact:N, execution:N or context:N."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @ArgGroup(exclusive = true)
    Way way;

    static final class Way {
      @Option(names = "--upstream", description = "Only what produced it.")
      boolean upstream;

      @Option(names = "--downstream", description = "Only what was made from it.")
      boolean downstream;
    }

    @Option(
        names = "--hops",
        paramLabel = "N",
        description = "Events to follow, at most 100 (default ${DEFAULT-VALUE}).")
    int hops = 10;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Lineage namespace (default ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Option(names = "--json", description = "Print JSON: nodes and edges.")
    boolean json;

    @Option(names = "--dot", description = "Print a Graphviz digraph.")
    boolean dot;

    @Override
    public Integer call() {
      LineageWalker.Direction direction =
          way == null
              ? LineageWalker.Direction.BOTH
              : way.upstream
                  ? LineageWalker.Direction.UPSTREAM
                  : LineageWalker.Direction.DOWNSTREAM;
      List<Long> artifacts = new ArrayList<>();
      List<Long> executions = new ArrayList<>();
      try (LineageStore lineage = LineageLocator.open()) {
        LineageNodeRef node = LineageNodeRef.resolve(id, lineage, namespace);
        switch (node.kind()) {
          case ARTIFACT -> artifacts.add(node.id());
          case EXECUTION -> executions.add(node.id());
          // A context stands for everything that ran in it.
          case CONTEXT ->
              lineage
                  .getExecutionsByContext(namespace, node.id())
                  .forEach(e -> executions.add(e.getId()));
        }
        // One call on a server (it walks), two per hop on a local store.
        Subgraph g =
            LineageWalker.subgraph(
                lineage, namespace, SubgraphRequest.of(artifacts, executions, direction, hops));
        if (g.artifacts().isEmpty() && g.executions().isEmpty()) {
          throw new NotFoundException(id + " does not exist in namespace " + namespace);
        }
        print(g);
      }
      return ExitCodes.OK;
    }

    private void print(Subgraph g) {
      Map<String, Node> nodes = new LinkedHashMap<>();
      for (Artifact a : g.artifacts()) {
        String uri = a.getUri();
        String label =
            uri.startsWith(LineageStore.SNAPSHOT_URI_PREFIX)
                ? "snapshot "
                    + uri.substring(
                        LineageStore.SNAPSHOT_URI_PREFIX.length(),
                        Math.min(uri.length(), LineageStore.SNAPSHOT_URI_PREFIX.length() + 12))
                : uri;
        nodes.put("a" + a.getId(), new Node("artifact:" + a.getId(), "artifact", label));
      }
      for (Execution e : g.executions()) {
        String step =
            e.getCustomPropertiesMap().containsKey("step")
                ? e.getCustomPropertiesMap().get("step").getStringValue()
                : e.getName();
        nodes.put(
            "e" + e.getId(),
            new Node(
                "execution:" + e.getId(),
                "execution",
                "step " + step + " (" + e.getLastKnownState() + ")"));
      }
      List<Edge> edges = new ArrayList<>();
      for (Event ev : g.events()) {
        boolean output =
            ev.getType() == Event.Type.OUTPUT
                || ev.getType() == Event.Type.DECLARED_OUTPUT
                || ev.getType() == Event.Type.INTERNAL_OUTPUT
                || ev.getType() == Event.Type.PENDING_OUTPUT;
        String a = "artifact:" + ev.getArtifactId();
        String e = "execution:" + ev.getExecutionId();
        edges.add(
            output ? new Edge(e, a, ev.getType().name()) : new Edge(a, e, ev.getType().name()));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        // Ordered: Map.of's iteration order changes from one JVM to the next.
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("nodes", nodes.values());
        graph.put("edges", edges);
        Output.json(out, graph);
      } else if (dot) {
        out.println("digraph lineage {");
        out.println("  rankdir=LR;");
        for (Node n : nodes.values()) {
          out.printf(
              "  \"%s\" [label=\"%s\", shape=%s];%n",
              n.id(),
              n.label().replace("\"", "'"),
              n.kind().equals("artifact") ? "box" : "ellipse");
        }
        for (Edge edge : edges) {
          out.printf("  \"%s\" -> \"%s\" [label=\"%s\"];%n", edge.from(), edge.to(), edge.type());
        }
        out.println("}");
      } else {
        Map<String, String> labels = new LinkedHashMap<>();
        nodes.values().forEach(n -> labels.put(n.id(), n.label()));
        for (Edge edge : edges) {
          out.printf(
              "%s --%s--> %s%n",
              labels.getOrDefault(edge.from(), edge.from()),
              edge.type(),
              labels.getOrDefault(edge.to(), edge.to()));
        }
        if (edges.isEmpty()) {
          nodes.values().forEach(n -> out.println(n.label() + " (no recorded steps)"));
        }
      }
      out.flush();
    }
  }
}

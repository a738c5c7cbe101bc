package dev.cairn.cli;

import com.google.protobuf.Message;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.Page;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Execution;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    description = {
      "List artifacts, executions or contexts, filtered with MLMD's filter syntax, a page at a time.",
      "Examples: --filter \"type = 'cairn.Snapshot' AND state = LIVE\"",
      "          --filter \"contexts_a.type = 'cairn.Run' AND contexts_a.name = 'r1'\"",
      "          --filter \"custom_properties.exit_code.int_value != 0\""
    })
final class LineageListCommand implements Callable<Integer> {
  enum Kind {
    artifacts,
    executions,
    contexts
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "KIND", description = "artifacts, executions or contexts.")
  Kind kind;

  @Option(names = "--filter", paramLabel = "QUERY", description = "MLMD filter query.")
  String filter;

  @Option(
      names = "--order-by",
      paramLabel = "FIELD",
      description = "id, create_time or last_update_time (default ${DEFAULT-VALUE}).")
  String orderBy = "id";

  @Option(names = "--desc", description = "Newest (largest) first.")
  boolean descending;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Page size (default 100, at most 1000).")
  int limit = ListOptions.DEFAULT_PAGE_SIZE;

  @Option(names = "--page-token", paramLabel = "T", description = "Continue a listing.")
  String pageToken;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Lineage namespace (default ${DEFAULT-VALUE}).")
  String namespace = "default";

  @Option(names = "--json", description = "Print JSON: {items, next_page_token}.")
  boolean json;

  @Override
  public Integer call() {
    ListOptions options =
        ListOptions.defaults()
            .withFilter(filter)
            .withMaxResultSize(limit)
            .withPageToken(pageToken)
            .withOrder(order(orderBy), !descending);
    try (LineageStore lineage = LineageLocator.open()) {
      Page<? extends Message> page =
          switch (kind) {
            case artifacts -> lineage.listArtifacts(namespace, options);
            case executions -> lineage.listExecutions(namespace, options);
            case contexts -> lineage.listContexts(namespace, options);
          };
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("items", page.items());
        body.put("next_page_token", page.nextPageToken().orElse(null));
        Output.json(out, body);
      } else {
        page.items().forEach(n -> out.println(line(n)));
        page.nextPageToken().ifPresent(t -> out.println("next page: --page-token " + t));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static ListOptions.OrderBy order(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "id" -> ListOptions.OrderBy.ID;
      case "create_time" -> ListOptions.OrderBy.CREATE_TIME;
      case "last_update_time" -> ListOptions.OrderBy.LAST_UPDATE_TIME;
      default ->
          throw new dev.cairn.store.InvalidArgumentException(
              "Invalid --order-by '" + s + "': use id, create_time or last_update_time");
    };
  }

  private static String line(Message n) {
    if (n instanceof Artifact a) {
      return String.format(
          "artifact:%-6d %-16s %-10s %s%s",
          a.getId(), a.getType(), a.getState(), a.getUri(), a.hasName() ? "  " + a.getName() : "");
    }
    if (n instanceof Execution e) {
      return String.format(
          "execution:%-6d %-16s %-10s %s",
          e.getId(), e.getType(), e.getLastKnownState(), e.getName());
    }
    Context c = (Context) n;
    return String.format("context:%-6d %-16s %s", c.getId(), c.getType(), c.getName());
  }
}

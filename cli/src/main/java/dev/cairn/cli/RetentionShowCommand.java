package dev.cairn.cli;

import dev.cairn.api.routes.RetentionRoutes.StoredBody;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show one ref's retention policy, or every ref's.")
final class RetentionShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NS/NAME")
  String ref;

  @Option(names = "--json", description = "Print JSON, as the server's retention routes do.")
  boolean json;

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.openReadOnly()) {
      RetentionPolicies policies = RetentionCommand.policies(repo);
      List<RetentionPolicies.Stored> shown =
          ref == null ? policies.list() : policies.find(RefName.parse(ref)).stream().toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.json(out, Map.of("policies", shown.stream().map(StoredBody::of).toList()));
        return ExitCodes.OK;
      }
      if (shown.isEmpty()) {
        out.println(
            ref == null
                ? "No retention policies: every ref keeps everything"
                : ref + ": no policy (keeps everything)");
      }
      shown.forEach(s -> out.println(RetentionCommand.describe(s)));
      out.flush();
      return ExitCodes.OK;
    }
  }
}

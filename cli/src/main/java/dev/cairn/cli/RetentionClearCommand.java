package dev.cairn.cli;

import dev.cairn.gc.PolicyUpdate;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "clear", description = "Remove a ref's retention policy: it keeps everything.")
final class RetentionClearCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NS/NAME")
  String ref;

  @Override
  public Integer call() {
    RefName name = RefName.parse(ref);
    try (Repository repo = RepoLocator.open()) {
      PolicyUpdate u = RetentionCommand.policies(repo).clear(name);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          u == PolicyUpdate.CLEARED
              ? name + ": policy cleared; the ref keeps everything"
              : name + ": had no policy");
      out.flush();
      return ExitCodes.OK;
    }
  }
}

package dev.cairn.cli;

import dev.cairn.store.ObjectId;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "tag",
    description = "Create a tag: a ref that never moves. Delete it with 'ref delete'.")
final class TagCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NS/NAME")
  String name;

  @Parameters(index = "1", paramLabel = "ID")
  String id;

  @Option(
      names = {"-m", "--message"},
      description = "Reason recorded in the ref log.")
  String reason = "tag";

  @Override
  public Integer call() {
    try (Repository repo = RepoLocator.open()) {
      RefName ref = RefName.parse(name);
      ObjectId target = repo.resolve(id);
      repo.loadSnapshot(target);
      return RefCommand.report(
          spec, ref, repo.refs().tag(ref, target, reason), RefExpectation.absent());
    }
  }
}

package dev.cairn.cli;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Ref;
import dev.cairn.store.RefExpectation;
import dev.cairn.store.RefLogEntry;
import dev.cairn.store.RefName;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ref",
    description = "Read and update refs (named pointers to snapshots).",
    subcommands = {
      RefCommand.Get.class,
      RefCommand.Set.class,
      RefCommand.Delete.class,
      RefCommand.Log.class,
      RefCommand.ListRefs.class
    })
final class RefCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: get, set, delete, log or list");
  }

  /** Prints an update's outcome and turns it into an exit code. */
  static int report(CommandSpec spec, RefName name, RefUpdate update, RefExpectation expected) {
    return switch (update) {
      case CREATED, UPDATED, UNCHANGED, DELETED -> {
        spec.commandLine().getOut().println(name + ": " + update.name().toLowerCase());
        spec.commandLine().getOut().flush();
        yield ExitCodes.OK;
      }
      case CONFLICT -> {
        spec.commandLine()
            .getErr()
            .println(
                "cairn: Cannot update ref "
                    + name
                    + ": it does not hold the expected "
                    + expected
                    + " (it was changed by another writer); re-read it and retry");
        yield ExitCodes.CONFLICT;
      }
      case REJECTED_TAG -> {
        spec.commandLine()
            .getErr()
            .println("cairn: Cannot update ref " + name + ": it is a tag, and tags never move");
        yield ExitCodes.CONFLICT;
      }
    };
  }

  /** --expect ID or --create; neither means unconditional. */
  static final class Expectation {
    @Option(
        names = "--expect",
        paramLabel = "ID",
        description = "Only update if the ref currently points at ID (compare-and-swap).")
    String expect;

    @Option(names = "--create", description = "Only update if the ref does not exist yet.")
    boolean create;

    RefExpectation resolve(Repository repo) {
      return create ? RefExpectation.absent() : RefExpectation.value(repo.resolve(expect));
    }
  }

  @Command(name = "get", description = "Print the snapshot id a ref points at.")
  static final class Get implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NS/NAME")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (Repository repo = RepoLocator.openReadOnly()) {
        Ref ref = repo.refs().load(RefName.parse(name));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Output.json(out, ref);
        } else {
          out.println(ref.target());
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "set",
      description = "Point a ref at a snapshot, optionally only if it holds an expected value.")
  static final class Set implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @ArgGroup(exclusive = true)
    Expectation expectation;

    @Option(
        names = {"-m", "--message"},
        description = "Reason recorded in the ref log.")
    String reason = "set";

    @Override
    public Integer call() {
      try (Repository repo = RepoLocator.open()) {
        RefName ref = RefName.parse(name);
        ObjectId target = repo.resolve(id);
        repo.loadSnapshot(target);
        RefExpectation expected =
            expectation == null ? RefExpectation.any() : expectation.resolve(repo);
        return report(spec, ref, repo.refs().update(ref, expected, target, reason), expected);
      }
    }
  }

  @Command(
      name = "delete",
      description = "Delete a ref or tag (its snapshots stay until garbage collection).")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/NAME")
    String name;

    @Option(
        names = "--expect",
        paramLabel = "ID",
        description = "Only delete if the ref currently points at ID.")
    String expect;

    @Override
    public Integer call() {
      try (Repository repo = RepoLocator.open()) {
        RefName ref = RefName.parse(name);
        RefExpectation expected =
            expect == null ? RefExpectation.any() : RefExpectation.value(repo.resolve(expect));
        return report(spec, ref, repo.refs().delete(ref, expected, "delete"), expected);
      }
    }
  }

  @Command(name = "log", description = "Show a ref's updates, newest first.")
  static final class Log implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NS/NAME")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (Repository repo = RepoLocator.openReadOnly()) {
        List<RefLogEntry> log = repo.refs().log(RefName.parse(name));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Output.json(out, log);
          return ExitCodes.OK;
        }
        for (RefLogEntry e : log) {
          out.printf(
              "%4d  %s  %-12s -> %-12s  %s  %s%n",
              e.seq(),
              Output.time(e.time()),
              e.oldTarget().map(ObjectId::toShortString).orElse("(none)"),
              e.newTarget().map(ObjectId::toShortString).orElse("(deleted)"),
              e.actor(),
              e.reason());
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", description = "List refs and tags.")
  static final class ListRefs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace.")
    String namespace;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (Repository repo = RepoLocator.openReadOnly()) {
        List<Ref> refs = repo.refs().list(Optional.ofNullable(namespace));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Output.json(out, refs);
          return ExitCodes.OK;
        }
        for (Ref r : refs) {
          out.printf(
              "%-40s %s%s%n", r.name(), r.target().toShortString(), r.tag() ? "  (tag)" : "");
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}

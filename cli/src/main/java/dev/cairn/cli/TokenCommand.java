package dev.cairn.cli;

import dev.cairn.api.auth.Role;
import dev.cairn.api.auth.TokenFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "token",
    description = "Bearer tokens for 'cairn serve'.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class})
final class TokenCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing subcommand: create or list");
  }

  @Command(
      name = "create",
      description = {
        "Create a token scoped to namespaces with a role. Only its hash is stored;",
        "the token is printed once, on the last line."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--tokens", required = true, paramLabel = "FILE", description = "Tokens file.")
    Path tokens;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who holds it.")
    String name;

    @Option(
        names = "--namespace",
        required = true,
        paramLabel = "NS",
        description = "Namespace it may use (repeatable; '*' for all).")
    List<String> namespaces;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "read, write or admin.")
    String role;

    @Override
    public Integer call() {
      Role r;
      try {
        r = Role.parse(role);
      } catch (IllegalArgumentException e) {
        throw new dev.cairn.store.InvalidArgumentException(e.getMessage());
      }
      String token =
          TokenFile.create(tokens, name, new LinkedHashSet<>(namespaces), r, Clock.systemUTC());
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Created token '%s' (%s on %s) in %s. It is shown only now:%n",
          name, r.name().toLowerCase(java.util.Locale.ROOT), String.join(", ", namespaces), tokens);
      out.println(token);
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      description = "The tokens in a tokens file (names and rights, never secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--tokens", required = true, paramLabel = "FILE", description = "Tokens file.")
    Path tokens;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (TokenFile.Entry e : TokenFile.load(tokens).entries()) {
        out.printf(
            "%-20s %-6s %s  (created %s)%n",
            e.name(), e.role(), String.join(",", e.namespaces()), e.created());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

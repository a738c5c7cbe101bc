package dev.cairn.cli;

import picocli.CommandLine;

/** Entry point of the {@code cairn} command. */
public final class Main {
  private Main() {}

  /** The first word that is neither an option nor the value of a global option, or null. */
  static String commandWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--repo") || args[i].equals("--server") || args[i].equals("--token")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
  }

  public static void main(String[] args) {
    int code = run(args);
    HttpSelectors.stopAll();
    System.exit(code);
  }

  /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
  public static int run(String... args) {
    CommandLine cmd = new CommandLine(new CairnCommand());
    String named = commandWord(args);
    if (named != null && CairnCommand.SUBCOMMANDS.containsKey(named)) {
      cmd.addSubcommand(named, CairnCommand.SUBCOMMANDS.get(named).get());
    } else {
      CairnCommand.SUBCOMMANDS.forEach((name, command) -> cmd.addSubcommand(name, command.get()));
    }
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd.execute(args);
  }
}

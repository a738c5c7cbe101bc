package dev.cairn.cli;

import picocli.CommandLine;

/** Entry point of the {@code cairn} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
  public static int run(String... args) {
    CommandLine cmd = new CommandLine(new CairnCommand());
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd.execute(args);
  }
}

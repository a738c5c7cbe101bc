package dev.cairn.cli;

import dev.cairn.store.CairnException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints one clear line per error (a stack trace only with CAIRN_DEBUG) and picks the exit code.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    String message =
        e instanceof CairnException || e instanceof dev.cairn.lineage.LineageException
            ? e.getMessage()
            : e instanceof UncheckedIOException u
                ? u.getMessage() + ": " + u.getCause().getMessage()
                : e.toString();
    cmd.getErr().println("cairn: " + message);
    if (System.getenv("CAIRN_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    return ExitCodes.of(e);
  }
}

package dev.cairn.cli;

import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.ConflictException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;

/** The CLI's exit codes, and the one place errors map to them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int CONFLICT = 3;
  public static final int NOT_FOUND = 4;
  public static final int CORRUPT = 5;

  private ExitCodes() {}

  static int of(Throwable t) {
    if (t instanceof dev.cairn.lineage.LineageException.InvalidArgument) {
      return USAGE;
    }
    if (t instanceof dev.cairn.lineage.LineageException.AlreadyExists
        || t instanceof dev.cairn.lineage.LineageException.FailedPrecondition) {
      return CONFLICT;
    }
    if (t instanceof dev.cairn.lineage.LineageException.NotFound) {
      return NOT_FOUND;
    }
    if (t instanceof InvalidArgumentException) {
      return USAGE;
    }
    if (t instanceof ConflictException || t instanceof AlreadyExistsException) {
      return CONFLICT;
    }
    if (t instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (t instanceof CorruptException) {
      return CORRUPT;
    }
    return FAILURE;
  }
}

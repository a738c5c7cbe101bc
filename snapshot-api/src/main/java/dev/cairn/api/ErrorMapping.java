package dev.cairn.api;

import dev.cairn.lineage.LineageException;
import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.ConflictException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.UnavailableException;

/** The one place where exceptions become an HTTP status and an error code. */
final class ErrorMapping {
  private ErrorMapping() {}

  /** An error response: HTTP status, stable code, message for people. */
  record ApiError(int status, String code, String message) {}

  static ApiError of(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof ApiException e) {
      return new ApiError(e.status(), e.code(), message);
    }
    if (t instanceof NotFoundException || t instanceof LineageException.NotFound) {
      return new ApiError(404, "NOT_FOUND", message);
    }
    if (t instanceof InvalidArgumentException || t instanceof LineageException.InvalidArgument) {
      return new ApiError(400, "INVALID_ARGUMENT", message);
    }
    if (t instanceof AlreadyExistsException || t instanceof LineageException.AlreadyExists) {
      return new ApiError(409, "ALREADY_EXISTS", message);
    }
    if (t instanceof ConflictException) {
      return new ApiError(409, "CONFLICT", message);
    }
    if (t instanceof LineageException.FailedPrecondition) {
      return new ApiError(409, "FAILED_PRECONDITION", message);
    }
    if (t instanceof CorruptException) {
      return new ApiError(500, "DATA_LOSS", message);
    }
    if (t instanceof UnavailableException) {
      return new ApiError(503, "UNAVAILABLE", message);
    }
    return new ApiError(500, "INTERNAL", "Internal error: " + message);
  }
}

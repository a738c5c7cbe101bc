package dev.cairn.store.s3;

import dev.cairn.store.CairnException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.UnavailableException;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import java.io.IOException;
import java.util.Set;

/** Reads the SDK's exceptions: HTTP status, S3 error code, whether a retry may help. */
final class S3Errors {
  /** Error codes that mean "slow down or try again", whatever status carried them. */
  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "SlowDown",
          "Throttling",
          "ThrottlingException",
          "RequestTimeout",
          "RequestTimeTooSkewed",
          "InternalError",
          "ServiceUnavailable",
          "OperationAborted",
          "ConditionalRequestConflict");

  private S3Errors() {}

  /** The HTTP status of an S3 error response, or 0 when there was none (a network failure). */
  static int status(Throwable e) {
    if (e instanceof ErrorResponseException ere && ere.response() != null) {
      return ere.response().code();
    }
    if (e instanceof ServerException se) {
      return se.statusCode();
    }
    return 0;
  }

  /** The S3 error code ({@code NoSuchKey}, {@code PreconditionFailed}, …) or "". */
  static String code(Throwable e) {
    if (e instanceof ErrorResponseException ere && ere.errorResponse() != null) {
      String c = ere.errorResponse().code();
      return c == null ? "" : c;
    }
    return "";
  }

  static boolean isNotFound(Throwable e) {
    return status(e) == 404 || "NoSuchKey".equals(code(e));
  }

  static boolean isPreconditionFailed(Throwable e) {
    return status(e) == 412 || "PreconditionFailed".equals(code(e));
  }

  /**
   * Whether the same request may succeed later: server errors, throttling, timeouts, resets and
   * responses cut short. Client errors (access denied, no such bucket) are final.
   */
  static boolean isTransient(Throwable e) {
    if (e instanceof IOException
        || e instanceof ServerException
        || e instanceof InvalidResponseException
        || e instanceof XmlParserException) {
      return true;
    }
    int status = status(e);
    if (status == 501) {
      return false; // NotImplemented: the same request will never work
    }
    return status >= 500 || status == 429 || status == 408 || TRANSIENT_CODES.contains(code(e));
  }

  /** A one-line description of a failure that never includes credentials. */
  static String describe(Throwable e) {
    if (e instanceof ErrorResponseException ere && ere.errorResponse() != null) {
      String message = ere.errorResponse().message();
      return "HTTP "
          + status(e)
          + " "
          + code(e)
          + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
    if (e instanceof ServerException se) {
      return "HTTP " + se.statusCode() + " from the server";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The Cairn exception for a final failure of {@code action} ("Cannot read object x in …"). */
  static CairnException translate(String action, Throwable e) {
    if (e instanceof CairnException ce) {
      return ce;
    }
    String message = action + ": " + describe(e);
    if (isNotFound(e)) {
      return new NotFoundException(message);
    }
    int status = status(e);
    if (status == 400) {
      return new InvalidArgumentException(message);
    }
    return new UnavailableException(message, e);
  }
}

package dev.cairn.csi;

import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.ConflictException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where Cairn's exceptions become gRPC statuses for the CSI services.
 *
 * <p>CSI requires a human-readable message on every non-OK status and no details, so every status
 * made here has a non-empty description and nothing else. A service that needs a code with no store
 * exception behind it (FAILED_PRECONDITION, OUT_OF_RANGE, RESOURCE_EXHAUSTED...) throws {@code
 * Status.X.withDescription(...).asRuntimeException()}, which passes through unchanged.
 */
public final class CsiErrors {
  private static final Logger log = LoggerFactory.getLogger(CsiErrors.class);

  private CsiErrors() {}

  /** The body of a unary call: returns the response or throws. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws Exception;
  }

  /**
   * Runs {@code body} and completes {@code observer} with its response, or with the status that
   * {@link #toStatus} maps its exception to. Never throws.
   */
  public static <T> void unary(StreamObserver<T> observer, Call<T> body) {
    T response;
    try {
      response = body.call();
    } catch (Exception e) {
      observer.onError(toStatus(e).asRuntimeException());
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /** Maps an exception to the gRPC status the CSI spec expects for it. */
  public static Status toStatus(Throwable e) {
    if (e instanceof StatusRuntimeException sre) {
      return withMessage(sre.getStatus());
    }
    if (e instanceof StatusException se) {
      return withMessage(se.getStatus());
    }
    Status status = codeFor(e);
    if (status.getCode() == Status.Code.INTERNAL) {
      // Unexpected: the CO only sees the message, so keep the stack trace in our log.
      log.error("CSI call failed unexpectedly", e);
    } else if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return status.withDescription(messageOf(e));
  }

  private static Status codeFor(Throwable e) {
    if (e instanceof NotFoundException) {
      return Status.NOT_FOUND;
    } else if (e instanceof AlreadyExistsException) {
      return Status.ALREADY_EXISTS;
    } else if (e instanceof InvalidArgumentException) {
      return Status.INVALID_ARGUMENT;
    } else if (e instanceof ConflictException) {
      return Status.ABORTED;
    } else if (e instanceof CorruptException) {
      return Status.DATA_LOSS;
    } else if (e instanceof UnavailableException) {
      return Status.UNAVAILABLE;
    } else if (e instanceof InterruptedException) {
      // Only happens while the driver shuts down; UNAVAILABLE tells the CO to retry.
      return Status.UNAVAILABLE;
    }
    return Status.INTERNAL;
  }

  private static Status withMessage(Status status) {
    String description = status.getDescription();
    return description == null || description.isBlank()
        ? status.withDescription(status.getCode().name())
        : status;
  }

  private static String messageOf(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}

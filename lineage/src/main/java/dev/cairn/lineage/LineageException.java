package dev.cairn.lineage;

/**
 * Root of the unchecked exceptions the lineage store throws. Each subtype maps to one MLMD / gRPC
 * status: {@link NotFound}, {@link AlreadyExists}, {@link InvalidArgument}, {@link
 * FailedPrecondition}.
 */
public class LineageException extends RuntimeException {
  public LineageException(String message) {
    super(message);
  }

  public LineageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A node, type or edge end named by id or name does not exist in the namespace. */
  public static final class NotFound extends LineageException {
    public NotFound(String message) {
      super(message);
    }
  }

  /**
   * A unique name or external id is taken, or a type upsert conflicts with the stored type (MLMD
   * answers ALREADY_EXISTS in both cases).
   */
  public static final class AlreadyExists extends LineageException {
    public AlreadyExists(String message) {
      super(message);
    }
  }

  /** The request breaks a model rule: undeclared property, wrong value kind, immutable field. */
  public static final class InvalidArgument extends LineageException {
    public InvalidArgument(String message) {
      super(message);
    }
  }

  /** The request is valid but the stored state forbids it: a delete that others depend on. */
  public static final class FailedPrecondition extends LineageException {
    public FailedPrecondition(String message) {
      super(message);
    }
  }
}

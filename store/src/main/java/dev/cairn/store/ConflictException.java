package dev.cairn.store;

/** A concurrent change won: the caller's expectation is stale. Retryable after re-reading. */
public class ConflictException extends CairnException {
  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.cairn.store;

/**
 * Root of every error Cairn reports. Each subtype maps to exactly one HTTP status, gRPC status and
 * CLI exit code; the edges translate them in one place each.
 */
public abstract class CairnException extends RuntimeException {
  protected CairnException(String message) {
    super(message);
  }

  protected CairnException(String message, Throwable cause) {
    super(message, cause);
  }
}

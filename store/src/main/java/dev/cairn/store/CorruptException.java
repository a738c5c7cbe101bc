package dev.cairn.store;

/** Stored data failed verification (hash mismatch, truncated or unparsable object). */
public class CorruptException extends CairnException {
  public CorruptException(String message) {
    super(message);
  }

  public CorruptException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.cairn.store;

/** The caller's input is malformed or out of range. */
public class InvalidArgumentException extends CairnException {
  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}

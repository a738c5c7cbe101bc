package dev.cairn.store;

/** An object that must be new exists already. */
public class AlreadyExistsException extends CairnException {
  public AlreadyExistsException(String message) {
    super(message);
  }

  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}

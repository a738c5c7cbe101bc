package dev.cairn.store;

/** An object, ref or path that was asked for does not exist. */
public class NotFoundException extends CairnException {
  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

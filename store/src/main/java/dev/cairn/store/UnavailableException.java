package dev.cairn.store;

/** A resource is temporarily unreachable or locked; retrying later may succeed. */
public class UnavailableException extends CairnException {
  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

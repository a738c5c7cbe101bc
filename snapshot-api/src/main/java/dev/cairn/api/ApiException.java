package dev.cairn.api;

/**
 * An HTTP-level failure with its status and error code: bad JSON, a missing token, a body too
 * large. Failures from the store and lineage keep their own exceptions and are mapped by {@link
 * ErrorMapping}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "INVALID_ARGUMENT", message);
  }

  public static ApiException unauthenticated(String message) {
    return new ApiException(401, "UNAUTHENTICATED", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "PERMISSION_DENIED", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "PAYLOAD_TOO_LARGE", message);
  }
}

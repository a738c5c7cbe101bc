package dev.cairn.store;

import java.util.Optional;

/**
 * An access key pair for an S3 service. {@link #toString()} never shows the secret or the session
 * token, so credentials can sit in records that end up in messages and logs.
 */
public record S3Credentials(String accessKey, String secretKey, Optional<String> sessionToken) {
  public S3Credentials {
    if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new InvalidArgumentException(
          "Cannot use S3 credentials: both an access key and a secret key are needed");
    }
    sessionToken = sessionToken.filter(t -> !t.isBlank());
  }

  public static S3Credentials of(String accessKey, String secretKey) {
    return new S3Credentials(accessKey, secretKey, Optional.empty());
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
  }
}

package dev.cairn.store;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach an S3-compatible service: endpoint (AWS when empty), region, addressing style,
 * credentials and tuning. Credentials are optional so that a location can be described and parsed
 * without them; opening a repository without them fails with a clear message.
 */
public record S3Settings(
    Optional<URI> endpoint,
    Optional<String> region,
    Addressing addressing,
    Optional<S3Credentials> credentials,
    S3Tuning tuning) {

  /** The endpoint used when none is given. */
  public static final URI AWS_ENDPOINT = URI.create("https://s3.amazonaws.com");

  public static final S3Settings DEFAULTS =
      new S3Settings(
          Optional.empty(), Optional.empty(), Addressing.AUTO, Optional.empty(), S3Tuning.DEFAULTS);

  /** Whether the bucket goes in the host name or in the path. */
  public enum Addressing {
    /**
     * Virtual-host style for AWS, path style for other endpoints (what MinIO and most others want).
     */
    AUTO,
    PATH,
    VIRTUAL_HOST
  }

  public S3Settings {
    endpoint.ifPresent(
        e -> {
          if (!"http".equals(e.getScheme()) && !"https".equals(e.getScheme())) {
            throw new InvalidArgumentException(
                "Invalid S3 endpoint " + e + ": expected an http:// or https:// URL");
          }
        });
    region = region.filter(r -> !r.isBlank());
  }

  public S3Settings withEndpoint(URI e) {
    return new S3Settings(Optional.of(e), region, addressing, credentials, tuning);
  }

  public S3Settings withRegion(String r) {
    return new S3Settings(endpoint, Optional.ofNullable(r), addressing, credentials, tuning);
  }

  public S3Settings withAddressing(Addressing a) {
    return new S3Settings(endpoint, region, a, credentials, tuning);
  }

  public S3Settings withCredentials(S3Credentials c) {
    return new S3Settings(endpoint, region, addressing, Optional.of(c), tuning);
  }

  public S3Settings withTuning(S3Tuning t) {
    return new S3Settings(endpoint, region, addressing, credentials, t);
  }

  /** The endpoint requests go to. */
  public URI effectiveEndpoint() {
    return endpoint.orElse(AWS_ENDPOINT);
  }

  /** Whether requests put the bucket in the path rather than in the host name. */
  public boolean pathStyle() {
    return switch (addressing) {
      case PATH -> true;
      case VIRTUAL_HOST -> false;
      case AUTO -> endpoint.isPresent();
    };
  }
}

package dev.cairn.store.s3;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.S3Credentials;
import dev.cairn.store.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S3 settings from the environment, the way AWS tools read them: {@code CAIRN_S3_ENDPOINT}, {@code
 * CAIRN_S3_REGION} (else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}), {@code
 * CAIRN_S3_PATH_STYLE=true|false}; credentials from {@code AWS_ACCESS_KEY_ID} / {@code
 * AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}), else from the profile {@code AWS_PROFILE}
 * (or {@code default}) of the shared credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else
 * {@code ~/.aws/credentials}).
 */
public final class S3Environment {
  private S3Environment() {}

  public static S3Settings settings(Map<String, String> env, Path home) {
    S3Settings s = S3Settings.DEFAULTS;
    Optional<String> endpoint = value(env, "CAIRN_S3_ENDPOINT");
    if (endpoint.isPresent()) {
      s = s.withEndpoint(endpoint(endpoint.get()));
    }
    Optional<String> region =
        value(env, "CAIRN_S3_REGION")
            .or(() -> value(env, "AWS_REGION"))
            .or(() -> value(env, "AWS_DEFAULT_REGION"));
    if (region.isPresent()) {
      s = s.withRegion(region.get());
    }
    Optional<String> pathStyle = value(env, "CAIRN_S3_PATH_STYLE");
    if (pathStyle.isPresent()) {
      s =
          s.withAddressing(
              Boolean.parseBoolean(pathStyle.get())
                  ? S3Settings.Addressing.PATH
                  : S3Settings.Addressing.VIRTUAL_HOST);
    }
    Optional<S3Credentials> credentials = credentials(env, home);
    return credentials.isPresent() ? s.withCredentials(credentials.get()) : s;
  }

  /** Parses an endpoint URL given on the command line or in the environment. */
  public static URI endpoint(String url) {
    try {
      return URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("Invalid S3 endpoint '" + url + "': " + e.getMessage());
    }
  }

  static Optional<S3Credentials> credentials(Map<String, String> env, Path home) {
    Optional<String> key = value(env, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = value(env, "AWS_SECRET_ACCESS_KEY");
    if (key.isPresent() && secret.isPresent()) {
      return Optional.of(
          new S3Credentials(key.get(), secret.get(), value(env, "AWS_SESSION_TOKEN")));
    }
    Path file =
        value(env, "AWS_SHARED_CREDENTIALS_FILE")
            .map(Path::of)
            .orElse(home.resolve(".aws").resolve("credentials"));
    String profile = value(env, "AWS_PROFILE").orElse("default");
    return fromFile(file, profile);
  }

  /** The named profile of an AWS shared credentials file (INI), if the file has it. */
  static Optional<S3Credentials> fromFile(Path file, String profile) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read S3 credentials from " + file, e);
    }
    Map<String, String> section = new HashMap<>();
    boolean inProfile = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        inProfile = line.substring(1, line.length() - 1).strip().equals(profile);
        continue;
      }
      int eq = line.indexOf('=');
      if (inProfile && eq > 0) {
        section.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    String key = section.get("aws_access_key_id");
    String secret = section.get("aws_secret_access_key");
    if (key == null || secret == null) {
      return Optional.empty();
    }
    return Optional.of(
        new S3Credentials(key, secret, Optional.ofNullable(section.get("aws_session_token"))));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}

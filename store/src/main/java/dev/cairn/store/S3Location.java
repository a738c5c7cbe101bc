package dev.cairn.store;

import java.util.regex.Pattern;

/**
 * A repository in a bucket: {@code s3://bucket/prefix}. The prefix (possibly empty) is a
 * '/'-separated key prefix under which every object of the repository lives.
 */
public record S3Location(String bucket, String prefix) {
  public static final String SCHEME = "s3://";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    if (!BUCKET.matcher(bucket).matches()) {
      throw new InvalidArgumentException(
          "Invalid bucket name '"
              + bucket
              + "': 3 to 63 lowercase letters, digits, dots and hyphens");
    }
    for (String segment : prefix.isEmpty() ? new String[0] : prefix.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidArgumentException(
            "Invalid repository prefix '" + prefix + "' in bucket " + bucket);
      }
    }
  }

  /** Whether a repository argument names a bucket rather than a directory. */
  public static boolean isUrl(String spec) {
    return spec.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix} (a trailing '/' is dropped). */
  public static S3Location parse(String url) {
    if (!isUrl(url)) {
      throw new InvalidArgumentException(
          "Invalid S3 URL '" + url + "': expected s3://BUCKET/PREFIX");
    }
    String rest = url.substring(SCHEME.length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    return slash < 0
        ? new S3Location(rest, "")
        : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The object key of a repository object name. */
  public String key(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  @Override
  public String toString() {
    return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}

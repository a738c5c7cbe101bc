package dev.cairn.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path such as {@code /api/v1/namespaces/{ns}/snapshots/{id}/files/{path+}}: literal
 * segments, single-segment parameters, and a last {@code {name+}} parameter that takes the rest of
 * the path (possibly empty). Parameters are percent-decoded.
 */
public final class PathTemplate {
  private final String text;
  private final List<String> segments;

  public PathTemplate(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("A path template starts with '/': " + text);
    }
    this.text = text;
    this.segments = List.of(text.substring(1).split("/", -1));
    for (int i = 0; i < segments.size() - 1; i++) {
      if (segments.get(i).endsWith("+}")) {
        throw new IllegalArgumentException("Only the last segment may take the rest: " + text);
      }
    }
  }

  public String text() {
    return text;
  }

  /** The parameter names, in order. */
  public List<String> parameters() {
    List<String> out = new ArrayList<>();
    for (String s : segments) {
      if (s.startsWith("{")) {
        out.add(s.substring(1, s.length() - (s.endsWith("+}") ? 2 : 1)));
      }
    }
    return out;
  }

  /** The parameters if {@code path} (raw, still percent-encoded) matches. */
  public Optional<Map<String, String>> match(String path) {
    return split(path).flatMap(this::match);
  }

  /**
   * A raw request path in segments, as {@link #match(String[])} takes them; empty unless it starts
   * with '/'. A router splits each request's path once for all its templates.
   */
  public static Optional<String[]> split(String path) {
    return path.startsWith("/") ? Optional.of(path.substring(1).split("/", -1)) : Optional.empty();
  }

  /** The parameters if a path in {@link #split} segments matches. */
  public Optional<Map<String, String>> match(String[] parts) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      if (s.endsWith("+}")) {
        List<String> rest = new ArrayList<>();
        for (int j = i; j < parts.length; j++) {
          rest.add(decode(parts[j]));
        }
        params.put(s.substring(1, s.length() - 2), String.join("/", rest));
        return Optional.of(params);
      }
      if (i >= parts.length) {
        return Optional.empty();
      }
      if (s.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(s.substring(1, s.length() - 1), decode(parts[i]));
      } else if (!s.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return parts.length == segments.size() ? Optional.of(params) : Optional.empty();
  }

  private static String decode(String part) {
    // '+' is a literal plus in a path, unlike in a query string.
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return text;
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.ApiException;

/**
 * Paths inside a snapshot as clients send them: relative, {@code /}-separated, without {@code .},
 * {@code ..}, empty segments or NULs. A trailing slash is allowed and dropped.
 */
final class SnapshotPaths {
  private SnapshotPaths() {}

  static String validate(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.isEmpty()) {
      return "";
    }
    if (p.indexOf('\0') >= 0) {
      throw ApiException.badRequest("Invalid path: it contains NUL");
    }
    if (p.startsWith("/")) {
      throw ApiException.badRequest("Invalid path '" + path + "': it must be relative");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw ApiException.badRequest(
            "Invalid path '" + path + "': segments may not be empty, '.' or '..'");
      }
    }
    return p;
  }
}

package dev.cairn.api.routes;

import dev.cairn.api.ApiException;
import dev.cairn.api.ApiMetrics;
import dev.cairn.api.Call;
import dev.cairn.api.Reply;
import dev.cairn.store.Entry;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's bytes with HTTP caching and ranges: the ETag is the file's content id (the same bytes
 * have the same tag in every snapshot), {@code If-None-Match} answers 304, and one {@code Range} of
 * bytes answers 206 (several ranges are served whole, which RFC 9110 allows).
 */
final class FileDownload {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private FileDownload() {}

  static Reply reply(
      Call call, Repository repo, ObjectId snapshot, Entry file, ApiMetrics metrics) {
    String etag = "\"" + file.id() + "\"";
    long size = file.size();
    Map<String, String> headers = new HashMap<>();
    headers.put("ETag", etag);
    headers.put("Accept-Ranges", "bytes");
    headers.put("Cache-Control", "private, max-age=31536000, immutable");
    if (call.header("If-None-Match").map(v -> matches(v, etag)).orElse(false)) {
      return new Reply.Empty(304, headers);
    }
    Optional<String> range = call.header("Range");
    boolean rangeApplies =
        range.isPresent() && call.header("If-Range").map(v -> v.equals(etag)).orElse(true);
    long offset = 0;
    long length = size;
    int status = 200;
    if (rangeApplies && !range.get().contains(",")) {
      long[] r = parse(range.get(), size);
      offset = r[0];
      length = r[1] - r[0] + 1;
      status = 206;
      headers.put("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
    }
    long from = offset;
    long count = length;
    return new Reply.Stream(
        status,
        "application/octet-stream",
        count,
        headers,
        out -> {
          long start = System.nanoTime();
          long n = repo.cat(snapshot, file.path(), from, count, out);
          metrics.restored(n, System.nanoTime() - start);
        });
  }

  /** First and last byte of a single range; 416 if it cannot be satisfied. */
  static long[] parse(String header, long size) {
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      throw unsatisfiable(header, size);
    }
    long first;
    long last;
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0) {
          throw unsatisfiable(header, size);
        }
        first = Math.max(0, size - suffix);
        last = size - 1;
      } else {
        first = Long.parseLong(m.group(1));
        last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
      }
    } catch (NumberFormatException e) {
      throw unsatisfiable(header, size);
    }
    if (first >= size || first > last) {
      throw unsatisfiable(header, size);
    }
    return new long[] {first, last};
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static ApiException unsatisfiable(String header, long size) {
    return new ApiException(
        416,
        "RANGE_NOT_SATISFIABLE",
        "Range '" + header + "' cannot be satisfied by a file of " + size + " bytes");
  }
}

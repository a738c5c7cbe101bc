package dev.cairn.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per finished request (logger {@code dev.cairn.api.access}), and the request
 * metrics, both taken when Jetty knows the final status and byte counts.
 */
final class AccessLog implements RequestLog {
  static final String ROUTE = "cairn.route";
  static final String CALLER = "cairn.caller";
  private static final Logger LOG = LoggerFactory.getLogger("dev.cairn.api.access");

  private final ApiMetrics metrics;

  AccessLog(ApiMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void log(Request request, Response response) {
    long nanos = System.nanoTime() - request.getBeginNanoTime();
    Object route = request.getAttribute(ROUTE);
    String template = route == null ? "unmatched" : route.toString();
    long in = Request.getContentBytesRead(request);
    long out = Response.getContentBytesWritten(response);
    metrics.request(request.getMethod(), template, response.getStatus(), nanos, in, out);
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("remote", Request.getRemoteAddr(request));
    line.put("caller", request.getAttribute(CALLER));
    line.put("method", request.getMethod());
    line.put("path", request.getHttpURI().getPath());
    line.put("route", template);
    line.put("status", response.getStatus());
    line.put("bytes_in", in);
    line.put("bytes_out", out);
    line.put("ms", nanos / 1_000_000.0);
    try {
      LOG.info(Json.mapper().writeValueAsString(line));
    } catch (JsonProcessingException e) {
      LOG.warn("Cannot log request {}: {}", request.getHttpURI(), e.toString());
    }
  }
}

package dev.cairn.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cairn.api.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** One request as a route sees it: path and query parameters, the caller, and the body. */
public final class Call {
  private static final String BODY_FINISHED = "cairn.body.finished";

  private final Request request;
  private final Route route;
  private final Map<String, String> pathParams;
  private final Fields query;
  private final Principal principal;

  Call(Request request, Route route, Map<String, String> pathParams, Principal principal) {
    this.request = request;
    this.route = route;
    this.pathParams = Map.copyOf(pathParams);
    this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    this.principal = principal;
  }

  /** Whether a route read the request body to its end. */
  static boolean bodyFinished(Request request) {
    return request.getAttribute(BODY_FINISHED) != null;
  }

  public Principal principal() {
    return principal;
  }

  /** The namespace of a namespaced route. */
  public String namespace() {
    return path("ns");
  }

  public String path(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("Route " + route.path() + " has no parameter " + name);
    }
    return v;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.getValue(name));
  }

  /** Every value of a repeatable query parameter. */
  public java.util.List<String> queryAll(String name) {
    java.util.List<String> values = query.getValues(name);
    return values == null ? java.util.List.of() : values;
  }

  public long queryLong(String name, long defaultValue) {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.get());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Invalid query parameter " + name + "='" + v.get() + "': expected an integer");
    }
  }

  public boolean queryFlag(String name) {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return false;
    }
    return switch (v.get()) {
      case "", "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw ApiException.badRequest(
              "Invalid query parameter " + name + "='" + v.get() + "': expected true or false");
    };
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  /** The JSON body as {@code type}; 400 naming the field when it does not fit. */
  public <T> T body(Class<T> type) {
    byte[] bytes = bodyBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("Invalid request: the body is empty; expected JSON");
    }
    try {
      return Json.mapper().readValue(bytes, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(
          "Invalid request: unknown field '" + e.getPropertyName() + "'" + at(e));
    } catch (JsonMappingException e) {
      String cause = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
      throw ApiException.badRequest("Invalid request: field " + field(e) + ": " + cause);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "Invalid request: malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("Invalid request: " + e.getMessage());
    }
  }

  /**
   * The body as a JSON object whose fields are all among {@code allowed} (none given: any field),
   * for bodies where absent and null mean different things.
   */
  public JsonNode bodyTree(String... allowed) {
    JsonNode tree = body(JsonNode.class);
    if (!tree.isObject()) {
      throw ApiException.badRequest("Invalid request: the body must be a JSON object");
    }
    if (allowed.length > 0) {
      java.util.Set<String> ok = java.util.Set.of(allowed);
      tree.fieldNames()
          .forEachRemaining(
              f -> {
                if (!ok.contains(f)) {
                  throw ApiException.badRequest(
                      "Invalid request: unknown field '" + f + "'; expected " + ok);
                }
              });
    }
    return tree;
  }

  /** The body as a stream that fails with 413 past the route's limit. */
  public InputStream bodyStream() {
    checkDeclaredLength();
    return new LimitedInputStream(
        Content.Source.asInputStream(request),
        route.maxBodyBytes(),
        () -> request.setAttribute(BODY_FINISHED, Boolean.TRUE));
  }

  private byte[] bodyBytes() {
    try (InputStream in = bodyStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw ApiException.badRequest("Cannot read the request body: " + e.getMessage());
    }
  }

  private void checkDeclaredLength() {
    long length = request.getLength();
    if (length > route.maxBodyBytes()) {
      throw ApiException.tooLarge(
          "Request body of "
              + length
              + " bytes is larger than the "
              + route.maxBodyBytes()
              + " bytes "
              + route.operationId()
              + " accepts");
    }
  }

  private static String field(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "(root)" : "'" + path + "'";
  }

  private static String at(JsonMappingException e) {
    return e.getPath().size() > 1 ? " in " + field(e) : "";
  }
}

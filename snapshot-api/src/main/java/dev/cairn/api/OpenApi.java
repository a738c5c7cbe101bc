package dev.cairn.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document, generated from the route table, so every served route is documented and
 * every documented route is served.
 */
public final class OpenApi {
  private OpenApi() {}

  public static Map<String, Object> document(List<Route> routes, String version) {
    Map<String, Object> paths = new TreeMap<>();
    for (Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>)
              paths.computeIfAbsent(
                  openApiPath(r.path()), k -> new LinkedHashMap<String, Object>());
      item.put(r.method().toLowerCase(Locale.ROOT), operation(r));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title",
            "Cairn snapshot and lineage API",
            "version",
            version,
            "description",
            "Snapshots, refs and MLMD-style lineage, scoped to namespaces. Errors are"
                + " {code, message}."));
    doc.put("paths", paths);
    doc.put(
        "components",
        Map.of(
            "securitySchemes",
            Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
            "schemas",
            Map.of(
                "Error",
                Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("code", "message"),
                    "properties",
                    Map.of(
                        "code", Map.of("type", "string"),
                        "message", Map.of("type", "string"))))));
    return doc;
  }

  /** {@code {path+}} is written {@code {path}} in OpenAPI, which has no rest-of-path syntax. */
  static String openApiPath(PathTemplate t) {
    return t.text().replace("+}", "}");
  }

  private static Map<String, Object> operation(Route r) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", r.operationId());
    op.put("summary", r.summary());
    List<Object> params = new ArrayList<>();
    for (String p : r.path().parameters()) {
      params.add(
          Map.of("name", p, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    for (Route.QueryParam q : r.query()) {
      params.add(
          Map.of(
              "name", q.name(),
              "in", "query",
              "required", false,
              "description", q.description(),
              "schema", Map.of("type", q.type())));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    if (r.requestType() != null) {
      op.put(
          "requestBody",
          Map.of(
              "required",
              true,
              "content",
              Map.of(r.requestType(), Map.of("schema", schema(r.requestType())))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(
        "2XX",
        Map.of(
            "description",
            "Success",
            "content",
            Map.of(r.responseType(), Map.of("schema", schema(r.responseType())))));
    responses.put(
        "default",
        Map.of(
            "description",
            "Error",
            "content",
            Map.of(
                "application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
    op.put("responses", responses);
    if (r.access() != Route.Access.PUBLIC) {
      op.put("security", List.of(Map.of("bearer", List.of())));
    }
    return op;
  }

  private static Map<String, Object> schema(String contentType) {
    return contentType.equals("application/json")
        ? Map.of("type", "object")
        : contentType.startsWith("text/")
            ? Map.of("type", "string")
            : Map.of("type", "string", "format", "binary");
  }
}

package dev.cairn.api;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint: method, path template, who may call it, how large a body it takes, what it does,
 * and what the OpenAPI document says about it. The document is generated from these, so the two
 * cannot drift apart.
 */
public record Route(
    String method,
    PathTemplate path,
    Access access,
    long maxBodyBytes,
    String operationId,
    String summary,
    List<QueryParam> query,
    String requestType,
    String responseType,
    Action action) {

  /** Who may call a route; namespaced routes check the {@code ns} path parameter. */
  public enum Access {
    PUBLIC,
    /** Any valid token (or none, on a server without tokens). */
    AUTHENTICATED,
    READ,
    WRITE,
    ADMIN
  }

  /** A query parameter, for the document and for validation. */
  public record QueryParam(String name, String type, String description) {}

  /** The route's work. */
  @FunctionalInterface
  public interface Action {
    Reply handle(Call call) throws Exception;
  }

  /** JSON bodies of API calls are small; uploads say how large they may be. */
  public static final long JSON_BODY_LIMIT = 4L << 20;

  public Route {
    query = List.copyOf(query);
  }

  public static Route get(String path, Access access, String id, String summary, Action action) {
    return of("GET", path, access, id, summary, action);
  }

  public static Route post(String path, Access access, String id, String summary, Action action) {
    return of("POST", path, access, id, summary, action).withRequest("application/json");
  }

  public static Route put(String path, Access access, String id, String summary, Action action) {
    return of("PUT", path, access, id, summary, action).withRequest("application/json");
  }

  public static Route delete(String path, Access access, String id, String summary, Action action) {
    return of("DELETE", path, access, id, summary, action);
  }

  private static Route of(
      String method, String path, Access access, String id, String summary, Action action) {
    return new Route(
        method,
        new PathTemplate(path),
        access,
        JSON_BODY_LIMIT,
        id,
        summary,
        List.of(),
        null,
        "application/json",
        action);
  }

  public Route withQuery(String name, String type, String description) {
    List<QueryParam> q = new ArrayList<>(query);
    q.add(new QueryParam(name, type, description));
    return new Route(
        method,
        path,
        access,
        maxBodyBytes,
        operationId,
        summary,
        q,
        requestType,
        responseType,
        action);
  }

  public Route withRequest(String contentType) {
    return new Route(
        method,
        path,
        access,
        maxBodyBytes,
        operationId,
        summary,
        query,
        contentType,
        responseType,
        action);
  }

  /** A route that takes an upload of up to {@code limit} bytes. */
  public Route withUpload(String contentType, long limit) {
    return new Route(
        method,
        path,
        access,
        limit,
        operationId,
        summary,
        query,
        contentType,
        responseType,
        action);
  }

  public Route withResponse(String contentType) {
    return new Route(
        method,
        path,
        access,
        maxBodyBytes,
        operationId,
        summary,
        query,
        requestType,
        contentType,
        action);
  }

  /** Whether the route is scoped to the namespace in its {@code ns} path parameter. */
  public boolean namespaced() {
    return path.parameters().contains("ns");
  }
}

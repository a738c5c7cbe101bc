package dev.cairn.api;

import dev.cairn.api.auth.Principal;
import dev.cairn.api.auth.Role;
import dev.cairn.api.auth.TokenFile;
import dev.cairn.store.Namespaces;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to routes: finds the route (404, or 405 with Allow), checks the caller (401)
 * and their right to the namespace (403, whether or not the object exists), runs the route and
 * writes its reply; every failure becomes a JSON {@code {code, message}} here.
 */
final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private static final long DRAIN_LIMIT = 16 << 20;

  private final List<Route> routes;
  private final Optional<TokenFile> tokens;

  ApiHandler(List<Route> routes, Optional<TokenFile> tokens) {
    this.routes = List.copyOf(routes);
    this.tokens = tokens;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      String path = request.getHttpURI().getPath();
      Route route = null;
      Map<String, String> params = null;
      TreeSet<String> allowed = new TreeSet<>();
      Optional<String[]> parts = PathTemplate.split(path);
      for (Route r : routes) {
        Optional<Map<String, String>> m = parts.flatMap(r.path()::match);
        if (m.isPresent()) {
          allowed.add(r.method());
          if (r.method().equals(request.getMethod())) {
            route = r;
            params = m.get();
            break;
          }
        }
      }
      if (route == null) {
        if (allowed.isEmpty()) {
          throw ApiException.notFound("No route " + path);
        }
        response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
        throw new ApiException(
            405,
            "METHOD_NOT_ALLOWED",
            "Method " + request.getMethod() + " is not allowed on " + path + "; use " + allowed);
      }
      request.setAttribute(AccessLog.ROUTE, route.path().text());
      Principal caller = authenticate(request, route);
      request.setAttribute(AccessLog.CALLER, caller.name());
      authorize(caller, route, params);
      Reply reply = route.action().handle(new Call(request, route, params, caller));
      settleBody(request, response);
      write(reply, response, callback);
    } catch (Throwable t) {
      if (!response.isCommitted()) {
        settleBody(request, response);
      }
      fail(t, response, callback);
    }
    return true;
  }

  private Principal authenticate(Request request, Route route) {
    if (tokens.isEmpty() || route.access() == Route.Access.PUBLIC) {
      return Principal.LOCAL;
    }
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthenticated("Missing token: send 'Authorization: Bearer <token>'");
    }
    return tokens
        .get()
        .authenticate(header.substring(7).trim())
        .orElseThrow(() -> ApiException.unauthenticated("Unknown token"));
  }

  private static void authorize(Principal caller, Route route, Map<String, String> params) {
    if (!route.namespaced()) {
      // A route that spans namespaces and needs admin rights needs them in every namespace.
      if (route.access() == Route.Access.ADMIN
          && !(caller.role().includes(Role.ADMIN)
              && caller.namespaces().contains(Principal.ALL_NAMESPACES))) {
        throw ApiException.forbidden(
            "Token '"
                + caller.name()
                + "' cannot call "
                + route.operationId()
                + ": it needs admin access to every namespace ('"
                + Principal.ALL_NAMESPACES
                + "')");
      }
      return;
    }
    String ns = params.get("ns");
    Role needed =
        switch (route.access()) {
          case ADMIN -> Role.ADMIN;
          case WRITE -> Role.WRITE;
          default -> Role.READ;
        };
    // The answer depends only on the token and the namespace, never on whether the object exists.
    if (!caller.may(ns, needed)) {
      throw ApiException.forbidden(
          "Token '"
              + caller.name()
              + "' has no "
              + needed.name().toLowerCase(java.util.Locale.ROOT)
              + " access to namespace '"
              + ns
              + "'");
    }
    Namespaces.validate(ns);
  }

  private static void write(Reply reply, Response response, Callback callback) throws Exception {
    response.setStatus(reply.status());
    if (reply instanceof Reply.Json j) {
      byte[] bytes = Json.mapper().writeValueAsBytes(j.value());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      response.write(true, ByteBuffer.wrap(bytes), callback);
    } else if (reply instanceof Reply.Stream s) {
      s.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, s.contentType());
      if (s.length() >= 0) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, s.length());
      }
      try (OutputStream out = Content.Sink.asOutputStream(response)) {
        s.body().writeTo(out);
      }
      callback.succeeded();
    } else if (reply instanceof Reply.Empty e) {
      e.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      response.write(true, null, callback);
    }
  }

  /**
   * Leaves the connection reusable: a small unread body (a route that answered without reading it)
   * is read and dropped; a large or unbounded one is not worth reading, so the answer says {@code
   * Connection: close} rather than letting the client reuse a connection the server drops.
   */
  private static void settleBody(Request request, Response response) {
    long length = request.getLength();
    long read = Request.getContentBytesRead(request);
    if (length == 0 || (length > 0 && read >= length) || Call.bodyFinished(request)) {
      return;
    }
    if (length > 0 && length - read <= DRAIN_LIMIT) {
      try {
        Content.Source.consumeAll(request);
        return;
      } catch (Exception e) {
        // the client went away: closing is all that is left
      }
    }
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
  }

  private static void fail(Throwable t, Response response, Callback callback) {
    ErrorMapping.ApiError error = ErrorMapping.of(t);
    if (error.status() >= 500) {
      LOG.error("Request failed: {}", error.message(), t);
    }
    if (response.isCommitted()) {
      // Headers are out: the only honest signal left is to abort the response.
      callback.failed(t);
      return;
    }
    String allow = response.getHeaders().get(HttpHeader.ALLOW);
    String connection = response.getHeaders().get(HttpHeader.CONNECTION);
    response.reset();
    if (connection != null) {
      response.getHeaders().put(HttpHeader.CONNECTION, connection);
    }
    if (allow != null) {
      response.getHeaders().put(HttpHeader.ALLOW, allow);
    }
    if (error.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cairn\"");
    }
    response.setStatus(error.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    try {
      byte[] body =
          Json.mapper().writeValueAsBytes(Map.of("code", error.code(), "message", error.message()));
      response.write(true, ByteBuffer.wrap(body), callback);
    } catch (Exception e) {
      callback.failed(e);
    }
  }
}

package dev.cairn.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a route runs (headers too large, malformed requests, ambiguous paths)
 * in the API's JSON shape, never an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String message) {
    String code =
        switch (status) {
          case 400 -> "INVALID_ARGUMENT";
          case 404 -> "NOT_FOUND";
          case 413 -> "PAYLOAD_TOO_LARGE";
          case 414, 431 -> "HEADERS_TOO_LARGE";
          case 503 -> "UNAVAILABLE";
          default -> status >= 500 ? "INTERNAL" : "HTTP_" + status;
        };
    String text = message == null ? HttpStatus.getMessage(status) : message;
    try {
      return Json.mapper().writeValueAsBytes(Map.of("code", code, "message", text));
    } catch (Exception e) {
      return ("{\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }
}

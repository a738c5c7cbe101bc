package dev.cairn.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** What a route answers: a JSON value, a byte stream, or nothing. */
public sealed interface Reply {
  int status();

  /** Writes a streamed body. */
  @FunctionalInterface
  interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  record Json(int status, Object value) implements Reply {}

  record Stream(
      int status, String contentType, long length, Map<String, String> headers, BodyWriter body)
      implements Reply {
    public Stream {
      headers = Map.copyOf(headers);
    }
  }

  record Empty(int status, Map<String, String> headers) implements Reply {
    public Empty {
      headers = Map.copyOf(headers);
    }
  }

  static Reply ok(Object value) {
    return new Json(200, value);
  }

  static Reply created(Object value) {
    return new Json(201, value);
  }

  static Reply noContent() {
    return new Empty(204, Map.of());
  }
}

package dev.cairn.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import dev.cairn.api.ApiException;
import dev.cairn.api.Json;
import dev.cairn.api.ProtoJson;
import dev.cairn.lineage.LineageException;
import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * HTTP plumbing for {@link RemoteLineageStore}: lineage paths of a namespace, query strings, long
 * id lists split over several calls, replies parsed into MLMD messages, and the store's errors
 * given back as the {@link LineageException}s a local store throws.
 */
final class LineageCalls {
  /** Ids per lookup: keeps a request line well under the server's header limit. */
  static final int IDS_PER_CALL = 100;

  private final ApiClient client;

  LineageCalls(ApiClient client) {
    this.client = client;
  }

  /** {@code /api/v1/namespaces/<ns>/lineage<rest>}. */
  static String path(String namespace, String rest) {
    checkNamespace(namespace);
    return "/api/v1/namespaces/" + ApiClient.encode(namespace) + "/lineage" + rest;
  }

  /** Refuses an empty namespace the way a local store does, before any request is made. */
  static void checkNamespace(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      throw new LineageException.InvalidArgument("Cannot use namespace: it is empty");
    }
  }

  JsonNode get(String path, Query query) {
    return translate(() -> client.get(path + query));
  }

  JsonNode post(String path, Object body) {
    return translate(() -> client.post(path, body));
  }

  JsonNode delete(String path, Query query) {
    return translate(
        () -> {
          byte[] body = client.send(client.request(path + query).DELETE().build());
          try {
            return Json.mapper().readTree(body);
          } catch (IOException e) {
            throw new UnavailableException(
                "The server answered with invalid JSON: " + e.getMessage(), e);
          }
        });
  }

  /** GETs {@code path} once per slice of {@code values} (as repeated {@code param}). */
  <T extends Message> List<T> getSliced(
      String path,
      String param,
      List<?> values,
      String field,
      Supplier<? extends Message.Builder> builder) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i += IDS_PER_CALL) {
      Query q = new Query();
      values.subList(i, Math.min(values.size(), i + IDS_PER_CALL)).forEach(v -> q.add(param, v));
      out.addAll(messages(get(path, q), field, builder));
    }
    return out;
  }

  /** The MLMD messages in {@code reply.field}. */
  static <T extends Message> List<T> messages(
      JsonNode reply, String field, Supplier<? extends Message.Builder> builder) {
    return parsed(() -> ProtoJson.messages(reply.path(field), builder, field));
  }

  /** The MLMD message that is the whole reply. */
  static <T extends Message> T message(JsonNode reply, Message.Builder builder) {
    return parsed(() -> ProtoJson.message(reply, builder, "(reply)"));
  }

  /** The numbers in {@code reply.field}. */
  static List<Long> longs(JsonNode reply, String field) {
    List<Long> out = new ArrayList<>();
    reply.path(field).forEach(n -> out.add(n.asLong()));
    return out;
  }

  private static <T> T parsed(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ApiException e) {
      throw new UnavailableException("Cannot read the server's answer: " + e.getMessage(), e);
    }
  }

  /**
   * Runs a call, turning the errors {@link ApiClient} maps to store exceptions into the lineage
   * exceptions a local {@link dev.cairn.lineage.LineageStore} throws.
   */
  static <T> T translate(Supplier<T> call) {
    try {
      return call.get();
    } catch (NotFoundException e) {
      // The router's own 404: this server was started without a lineage store.
      if (e.getMessage().startsWith("No route ")) {
        throw new UnavailableException(
            "Cannot use lineage on this server: it serves none (" + e.getMessage() + ")", e);
      }
      throw new LineageException.NotFound(e.getMessage());
    } catch (InvalidArgumentException e) {
      throw new LineageException.InvalidArgument(e.getMessage());
    } catch (AlreadyExistsException e) {
      throw new LineageException.AlreadyExists(e.getMessage());
    }
  }

  /** A query string built one parameter at a time; empty when there are none. */
  static final class Query {
    private final StringBuilder text = new StringBuilder();

    Query add(String name, Object value) {
      text.append(text.length() == 0 ? '?' : '&')
          .append(name)
          .append('=')
          .append(ApiClient.encode(String.valueOf(value)));
      return this;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}

package dev.cairn.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import dev.cairn.api.ApiException;
import dev.cairn.api.ProtoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Typed fields of a lineage request body (a JSON object); a missing required field or a value of
 * the wrong kind is a 400 that names the field.
 */
record LineageBody(JsonNode tree) {
  /** The MLMD message in a required field. */
  <M extends Message> M message(String field, Supplier<? extends Message.Builder> builder) {
    return ProtoJson.message(required(field), builder.get(), field);
  }

  /** The MLMD messages in a required array field. */
  <M extends Message> List<M> messages(String field, Supplier<? extends Message.Builder> builder) {
    return ProtoJson.messages(required(field), builder, field);
  }

  /** The MLMD messages in an optional array field; empty when absent. */
  <M extends Message> List<M> optionalMessages(
      String field, Supplier<? extends Message.Builder> builder) {
    return has(field) ? ProtoJson.messages(tree.get(field), builder, field) : List.of();
  }

  boolean has(String field) {
    return tree.has(field) && !tree.get(field).isNull();
  }

  boolean bool(String field, boolean absent) {
    if (!has(field)) {
      return absent;
    }
    JsonNode v = tree.get(field);
    if (!v.isBoolean()) {
      throw wrongKind(field, "true or false");
    }
    return v.booleanValue();
  }

  int integer(String field, int absent) {
    if (!has(field)) {
      return absent;
    }
    JsonNode v = tree.get(field);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw wrongKind(field, "an integer");
    }
    return v.intValue();
  }

  /** A string field; null when absent. */
  String string(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode v = tree.get(field);
    if (!v.isTextual()) {
      throw wrongKind(field, "a string");
    }
    return v.textValue();
  }

  /** An array of ids (numbers or, as protobuf prints int64, strings); empty when absent. */
  List<Long> ids(String field, String what) {
    if (!has(field)) {
      return List.of();
    }
    JsonNode v = tree.get(field);
    if (!v.isArray()) {
      throw wrongKind(field, "an array of " + what + " ids");
    }
    List<Long> ids = new ArrayList<>(v.size());
    for (JsonNode id : v) {
      if (!id.isIntegralNumber() && !id.isTextual()) {
        throw wrongKind(field, "an array of " + what + " ids");
      }
      ids.add(LineageParams.parseId(id.asText(), what));
    }
    return ids;
  }

  private JsonNode required(String field) {
    if (!has(field)) {
      throw ApiException.badRequest("Invalid request: field '" + field + "' is missing");
    }
    return tree.get(field);
  }

  private static ApiException wrongKind(String field, String expected) {
    return ApiException.badRequest("Invalid request: field '" + field + "' must be " + expected);
  }
}

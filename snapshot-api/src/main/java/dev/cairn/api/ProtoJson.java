package dev.cairn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * MLMD messages from JSON trees (protobuf's JSON mapping, either field-name style). Protobuf's own
 * errors do not say where the bad value is ("Not an int64 value: "x""), so on failure the tree is
 * searched for the innermost field that fails alone, and the 400 names it: {@code field
 * 'artifacts[1].properties.rows.int_value': Not an int64 value: "x"}.
 */
public final class ProtoJson {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ProtoJson() {}

  /** Parses {@code node} into a message of {@code builder}'s type; {@code path} names it. */
  @SuppressWarnings("unchecked")
  public static <M extends Message> M message(JsonNode node, Message.Builder builder, String path) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("Invalid request: field '" + path + "' must be a JSON object");
    }
    try {
      PARSER.merge(node.toString(), builder);
      return (M) builder.build();
    } catch (InvalidProtocolBufferException e) {
      Failure f = locate(node, builder.getDescriptorForType(), path);
      throw ApiException.badRequest(
          "Invalid request: field '"
              + f.path()
              + "': "
              + (f.message() != null ? f.message() : e.getMessage()));
    }
  }

  /** Parses the array {@code node} into messages; {@code path} names the array. */
  public static <M extends Message> List<M> messages(
      JsonNode node, Supplier<? extends Message.Builder> builder, String path) {
    if (node == null || !node.isArray()) {
      throw ApiException.badRequest("Invalid request: field '" + path + "' must be a JSON array");
    }
    List<M> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(message(node.get(i), builder.get(), path + "[" + i + "]"));
    }
    return out;
  }

  /** Where a parse failed and protobuf's message for the innermost failing field. */
  private record Failure(String path, String message) {}

  private static Failure locate(JsonNode node, Descriptor type, String path) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String message = failure(type, field.getKey(), field.getValue());
      if (message == null) {
        continue;
      }
      String at = path + "." + field.getKey();
      FieldDescriptor fd = find(type, field.getKey());
      Failure inner = fd == null ? null : inside(fd, field.getValue(), at);
      return inner != null ? inner : new Failure(at, message);
    }
    return new Failure(path, null);
  }

  /** Looks for the failure below a field that failed: in a message, a map's values, a list. */
  private static Failure inside(FieldDescriptor fd, JsonNode value, String at) {
    if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return null;
    }
    if (fd.isMapField()) {
      FieldDescriptor valueField = fd.getMessageType().findFieldByName("value");
      if (valueField.getJavaType() != FieldDescriptor.JavaType.MESSAGE || !value.isObject()) {
        return null;
      }
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        if (entry.getValue().isObject()) {
          Failure f =
              locate(entry.getValue(), valueField.getMessageType(), at + "." + entry.getKey());
          if (f.message() != null) {
            return f;
          }
        }
      }
      return null;
    }
    if (fd.isRepeated() && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        if (value.get(i).isObject()) {
          Failure f = locate(value.get(i), fd.getMessageType(), at + "[" + i + "]");
          if (f.message() != null) {
            return f;
          }
        }
      }
      return null;
    }
    if (value.isObject()) {
      Failure f = locate(value, fd.getMessageType(), at);
      return f.message() != null ? f : null;
    }
    return null;
  }

  /** Protobuf's message when the one field alone does not parse, else null. */
  private static String failure(Descriptor type, String name, JsonNode value) {
    JsonNode alone = Json.mapper().createObjectNode().set(name, value);
    try {
      PARSER.merge(alone.toString(), DynamicMessage.newBuilder(type));
      return null;
    } catch (InvalidProtocolBufferException e) {
      return e.getMessage();
    }
  }

  private static FieldDescriptor find(Descriptor type, String name) {
    FieldDescriptor fd = type.findFieldByName(name);
    if (fd != null) {
      return fd;
    }
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name)) {
        return f;
      }
    }
    return null;
  }
}

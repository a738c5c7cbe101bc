package dev.cairn.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API's JSON: records as objects; ids, ref names and instants as strings; empty optionals as
 * null; lineage (MLMD) messages in protobuf's JSON mapping with MLMD's snake_case field names.
 * Unknown fields in a request are an error, so a misspelt field is reported, not ignored.
 */
public final class Json {
  private static final JsonFormat.Printer PROTO_PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PROTO_PARSER = JsonFormat.parser();

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(
              new SimpleModule("cairn")
                  .addSerializer(ObjectId.class, ToStringSerializer.instance)
                  .addSerializer(RefName.class, ToStringSerializer.instance)
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addSerializer(Message.class, new ProtoSerializer())
                  .addSerializer(Optional.class, new OptionalSerializer())
                  .addDeserializer(ObjectId.class, fromString(ObjectId::parse))
                  .addDeserializer(RefName.class, fromString(RefName::parse))
                  .addDeserializer(Instant.class, fromString(Instant::parse)));

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses an MLMD message from JSON (either field-name style). */
  public static <B extends Message.Builder> B proto(String json, B builder) {
    try {
      PROTO_PARSER.merge(json, builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest(
          "Invalid " + builder.getDescriptorForType().getName() + ": " + e.getMessage());
    }
  }

  private static <T> JsonDeserializer<T> fromString(Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        return parse.apply(p.getValueAsString());
      }
    };
  }

  private static final class ProtoSerializer extends JsonSerializer<Message> {
    @Override
    public void serialize(Message value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(PROTO_PRINTER.print(value));
    }
  }

  @SuppressWarnings("rawtypes")
  private static final class OptionalSerializer extends JsonSerializer<Optional> {
    @Override
    public void serialize(Optional value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), gen);
      } else {
        gen.writeNull();
      }
    }
  }
}

package dev.cairn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Formatting shared by all commands: JSON, sizes, times. */
final class Output {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Output() {}

  /** Built on first use: most commands print no JSON, and building the mapper costs ~35 ms. */
  private static final class Json {
    static final ObjectMapper JSON =
        new ObjectMapper()
            .registerModule(
                new SimpleModule()
                    .addSerializer(ObjectId.class, ToStringSerializer.instance)
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(RefName.class, ToStringSerializer.instance)
                    .addSerializer(Optional.class, new OptionalSerializer()))
            .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** An empty Optional is null, a present one its value. */
  @SuppressWarnings("rawtypes")
  private static final class OptionalSerializer
      extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Optional> {
    OptionalSerializer() {
      super(Optional.class);
    }

    @Override
    public void serialize(
        Optional value,
        com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider)
        throws java.io.IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), gen);
      } else {
        gen.writeNull();
      }
    }
  }

  static void json(PrintWriter out, Object value) {
    try {
      out.println(Json.JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Cannot render JSON for " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    out.flush();
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  /** 1536 -> "1.5 KiB". */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String mode(int mode, String type) {
    StringBuilder sb =
        new StringBuilder(type.equals("DIR") ? "d" : type.equals("SYMLINK") ? "l" : "-");
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return sb.toString();
  }
}

package dev.cairn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting shared by all commands: JSON, sizes, times. */
final class Output {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Output() {}

  static void json(PrintWriter out, Object value) {
    try {
      // The server's mapping, so local and remote output are the same JSON (built on first use:
      // most commands print none).
      out.println(
          dev.cairn.api.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
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

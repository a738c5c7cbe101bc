package dev.cairn.cli;

import dev.cairn.store.InvalidArgumentException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads a duration as people write it: a number with a unit of {@code s}, {@code m}, {@code h} or
 * {@code d} ({@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}), a bare {@code 0}, or ISO-8601
 * ({@code PT1H30M}).
 */
final class GraceConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      Duration d =
          switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> null;
          };
      if (d != null && !d.isNegative()) {
        return d;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // reported below
    }
    throw new InvalidArgumentException(
        "Invalid duration '" + value + "': expected e.g. 90s, 30m, 1h, 2d, 0 or PT1H30M");
  }
}

package dev.cairn.cli;

import dev.cairn.gc.GcOptions;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --grace} as {@link GcOptions#parseGrace} does ({@code 90s}, {@code 1h}, ...). */
final class GraceConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return GcOptions.parseGrace(value);
  }
}

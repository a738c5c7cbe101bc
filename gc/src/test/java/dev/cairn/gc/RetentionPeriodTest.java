package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {

  @ParameterizedTest
  @CsvSource({"30d,30d", "2w,14d", "1y6m,1y6m", "2w3d12h,17d12h", "48h,48h", " 7d ,7d"})
  void parsesAndPrintsCanonically(String text, String canonical) {
    assertThat(RetentionPeriod.parse(text).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "d", "3x", "-1d", "1d1y", "1d2d", "0d", "0y0m", "30 d"})
  void refusesWhatIsNotAPositivePeriod(String text) {
    assertThatThrownBy(() -> RetentionPeriod.parse(text))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({
    "1m,2026-03-31T00:00:00Z,2026-02-28T00:00:00Z",
    "1y,2024-02-29T12:00:00Z,2023-02-28T12:00:00Z",
    "1d12h,2026-01-02T12:00:00Z,2026-01-01T00:00:00Z"
  })
  void countsBackInCalendarUnits(String period, String end, String start) {
    assertThat(RetentionPeriod.parse(period).before(Instant.parse(end), ZoneOffset.UTC))
        .isEqualTo(Instant.parse(start));
  }
}

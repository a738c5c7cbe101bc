package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  @Test
  void refusesNegativeCountsOtherThanUnlimitedNamingTheRule() {
    assertThatThrownBy(() -> RetentionPolicy.builder().keep(CalendarBucket.WEEKLY, -2).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("keep-weekly is -2")
        .hasMessageContaining("-1 (unlimited)");
  }

  @Test
  void anUnlimitedCountIsARuleInUseAndSaysSo() {
    RetentionPolicy p =
        RetentionPolicy.builder()
            .keepLast(RetentionPolicy.UNLIMITED)
            .keep(CalendarBucket.MONTHLY, 1)
            .build();
    assertThat(p.describe()).isEqualTo("keep-last unlimited, keep-monthly 1");
    // -1 and 1 must not cancel out into "keeps nothing".
    assertThat(RetentionPolicy.builder().keep(CalendarBucket.DAILY, -1).build().keepDaily())
        .isEqualTo(RetentionPolicy.UNLIMITED);
  }

  @Test
  void refusesAPolicyThatKeepsNothing() {
    assertThatThrownBy(() -> RetentionPolicy.builder().build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("keeps nothing");
  }

  @Test
  void describesItsRulesAsUsersWriteThem() {
    RetentionPolicy p =
        RetentionPolicy.builder()
            .keepLast(3)
            .keep(CalendarBucket.DAILY, 7)
            .keepWithin(RetentionPeriod.parse("30d"))
            .keepTagged()
            .build();
    assertThat(p.describe()).isEqualTo("keep-last 3, keep-daily 7, keep-within 30d, keep-tagged");
    assertThat(p.zone().getId()).isEqualTo("UTC");
    assertThat(
            RetentionPolicy.builder()
                .keepTagged()
                .zone(ZoneId.of("Europe/Paris"))
                .build()
                .describe())
        .isEqualTo("keep-tagged (zone Europe/Paris)");
  }
}

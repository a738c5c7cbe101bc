package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  @Test
  void refusesNegativeCountsNamingTheRule() {
    assertThatThrownBy(() -> RetentionPolicy.builder().keep(CalendarBucket.WEEKLY, -1).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("keep-weekly is -1");
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

package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ObjectIdTest {
  @Test
  void hashIsSha256AndPrintsAsLowercaseHex() {
    ObjectId id = ObjectId.hash("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(id).hasToString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ObjectId.parse(id.toString().toUpperCase())).isEqualTo(id);
    assertThat(id.toShortString()).isEqualTo("ba7816bf8f01");
  }

  @Test
  void parseRejectsWhatIsNotAnId() {
    assertThatThrownBy(() -> ObjectId.parse("abc"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> ObjectId.parse("z".repeat(64)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void refNamesAndNamespacesAreValidated() {
    assertThat(RefName.parse("team-a/train.v2")).isEqualTo(new RefName("team-a", "train.v2"));
    for (String bad :
        new String[] {
          "noslash", "/x", "x/", "UPPER/x", "ns/a..b", "ns/a/b", "-ns/x", "ns/" + "x".repeat(129)
        }) {
      assertThatThrownBy(() -> RefName.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidArgumentException.class);
    }
  }
}

package dev.cairn.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  @TempDir Path tmp;

  @Test
  void storesOnlyAHashInAPrivateFileAndAuthenticatesTheToken() throws Exception {
    Path file = tmp.resolve("tokens.json");
    String token =
        TokenFile.create(file, "ci", Set.of("team-a", "team-b"), Role.WRITE, Clock.systemUTC());
    assertThat(token).startsWith("cairn_").hasSizeGreaterThan(40);
    String stored = Files.readString(file);
    assertThat(stored).doesNotContain(token).doesNotContain(token.substring(6));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    Principal p = TokenFile.load(file).authenticate(token).orElseThrow();
    assertThat(p.name()).isEqualTo("ci");
    assertThat(p.may("team-b", Role.WRITE)).isTrue();
    assertThat(p.may("team-b", Role.ADMIN)).isFalse();
    assertThat(p.may("team-c", Role.READ)).isFalse();
    assertThat(TokenFile.load(file).authenticate(token + "x")).isEmpty();
    assertThat(TokenFile.load(file).authenticate("")).isEmpty();
  }

  @Test
  void refusesDuplicatesBadNamespacesAndCorruptFiles() throws Exception {
    Path file = tmp.resolve("tokens.json");
    TokenFile.create(file, "ci", Set.of("team-a"), Role.READ, Clock.systemUTC());
    assertThatThrownBy(
            () -> TokenFile.create(file, "ci", Set.of("team-a"), Role.READ, Clock.systemUTC()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("already has a token of that name");
    assertThatThrownBy(
            () -> TokenFile.create(file, "x", Set.of("Bad_NS"), Role.READ, Clock.systemUTC()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> TokenFile.create(file, "x", Set.of(), Role.READ, Clock.systemUTC()))
        .hasMessageContaining("--namespace");
    assertThatThrownBy(() -> Role.parse("owner")).hasMessageContaining("read, write or admin");
    Files.writeString(file, "{\"tokens\": [{\"name\": \"x\", \"role\": \"god\"}]}");
    assertThatThrownBy(() -> TokenFile.load(file))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Cannot read tokens file");
  }
}

package dev.cairn.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.S3Credentials;
import dev.cairn.store.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3EnvironmentTest {
  @TempDir Path home;

  @Test
  void readsEndpointRegionAddressingAndKeysFromTheEnvironment() {
    S3Settings s =
        S3Environment.settings(
            Map.of(
                "CAIRN_S3_ENDPOINT", "http://127.0.0.1:9000",
                "AWS_REGION", "eu-west-1",
                "CAIRN_S3_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", "AKIA",
                "AWS_SECRET_ACCESS_KEY", "s3cr3t"),
            home);
    assertThat(s.effectiveEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(s.region()).contains("eu-west-1");
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.credentials()).contains(S3Credentials.of("AKIA", "s3cr3t"));
    assertThat(s.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void defaultsToAwsWithVirtualHostsAndNoCredentials() {
    S3Settings s = S3Environment.settings(Map.of(), home);
    assertThat(s.effectiveEndpoint()).isEqualTo(S3Settings.AWS_ENDPOINT);
    assertThat(s.pathStyle()).isFalse();
    assertThat(s.credentials()).isEmpty();
  }

  @Test
  void fallsBackToTheProfileOfTheSharedCredentialsFile() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[default]\naws_access_key_id = D\naws_secret_access_key = dsecret\n"
            + "# comment\n[work]\naws_access_key_id=W\naws_secret_access_key=wsecret\n"
            + "aws_session_token=tok\n");
    assertThat(S3Environment.settings(Map.of(), home).credentials())
        .contains(S3Credentials.of("D", "dsecret"));
    assertThat(S3Environment.settings(Map.of("AWS_PROFILE", "work"), home).credentials())
        .contains(new S3Credentials("W", "wsecret", Optional.of("tok")));
  }
}

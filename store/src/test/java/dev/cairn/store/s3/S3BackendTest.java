package dev.cairn.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.ObjectBackend;
import dev.cairn.store.S3Location;
import dev.cairn.store.S3Settings;
import dev.cairn.store.S3Tuning;
import dev.cairn.store.testkit.ObjectBackendContract;
import dev.cairn.store.testkit.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class S3BackendTest extends ObjectBackendContract {
  @Override
  protected ObjectBackend newBackend() {
    return S3TestServer.shared().newBackend();
  }

  @Test
  void probingConditionalWritesLeavesNothingBehind() {
    // Either answer is usable (S3Proxy on files says no, MinIO and AWS say yes); the probe must
    // give one without leaving objects behind.
    ((S3Backend) backend).conditionalWrites();
    try (var s = backend.list("")) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void largeObjectsGoUpInPartsAndReadBackExactly() throws Exception {
    S3Location location = S3TestServer.shared().newLocation();
    S3Settings settings =
        S3TestServer.shared()
            .settings()
            .withTuning(
                S3Tuning.DEFAULTS.withMultipart(S3Tuning.MIN_PART_SIZE, S3Tuning.MIN_PART_SIZE));
    byte[] content = new byte[(int) (S3Tuning.MIN_PART_SIZE * 2 + 12345)];
    new Random(7).nextBytes(content);
    Path file = Files.write(scratch.resolve("big"), content);
    try (S3Backend multipart = S3Backend.connect(location, settings)) {
      assertThat(multipart.putFile("packs/big", file)).isTrue();
      assertThat(multipart.readAll("packs/big")).isEqualTo(content);
      assertThat(multipart.read("packs/big", S3Tuning.MIN_PART_SIZE - 10, 20))
          .isEqualTo(
              Arrays.copyOfRange(
                  content, (int) S3Tuning.MIN_PART_SIZE - 10, (int) S3Tuning.MIN_PART_SIZE + 10));
      Path again = Files.write(scratch.resolve("big2"), content);
      assertThat(multipart.putFile("packs/big", again)).isFalse();
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void describesItselfByItsUrl() {
    assertThat(backend.describe()).startsWith("s3://" + S3TestServer.BUCKET + "/t-");
  }
}

package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cli.WorkingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server dies in the middle of a client's upload. Afterwards the repository checks clean, holds
 * no trace of the snapshot, and a rerun against the restarted server completes, sending only what
 * the server still lacks.
 */
class ServerCrashIT {
  private static final int FILES = 5;
  private static final int FILE_BYTES = 32_000_000;

  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();
  private Cli local;
  private Path tokens;
  private String token;
  private Path src;

  @BeforeEach
  void init() throws Exception {
    local = new Cli(tmp.resolve("repo"));
    local.ok("init");
    tokens = tmp.resolve("tokens.json");
    token = local.createToken(tokens, "ci", "ml", "write");
    // About five packs of incompressible data (packs are 32 MiB).
    src = tmp.resolve("src");
    Random rnd = new Random(42);
    for (int i = 0; i < FILES; i++) {
      byte[] data = new byte[FILE_BYTES];
      rnd.nextBytes(data);
      Files.createDirectories(src.resolve("d" + i));
      Files.write(src.resolve("d" + i + "/weights.bin"), data);
    }
    Cli.write(src.resolve("README"), "five files of noise");
  }

  @Test
  void aServerHaltedWhileStoringAPackLeavesACleanRepositoryAndTheRerunResumes() throws Exception {
    // The third pack is stored but not yet indexed when the server halts; by then at least one
    // earlier pack has been answered, and so indexed.
    try (ServedRepository server =
        ServedRepository.start(
            local.withJvmArg("-Dcairn.crash.at=pack-received:3"),
            tokens,
            tmp.resolve("serve-1.log"))) {
      Cli.Result cut =
          RemoteCli.of(tmp, server, token)
              .run("snapshot", "create", src.toString(), "--ref", "ml/data");
      assertThat(cut.exit()).as(cut.err()).isNotZero();
      assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process().exitValue()).isEqualTo(137);
      assertThat(server.output()).contains("crash injected at pack-received");
    }
    assertCleanAndEmpty();
    assertThat(packsStored()).isGreaterThanOrEqualTo(3);
    rerunSendsLessThanEverything();
  }

  @Test
  void aServerKilledAtAnArbitraryMomentOfAnUploadLeavesACleanRepository() throws Exception {
    try (ServedRepository server =
        ServedRepository.start(local, tokens, tmp.resolve("serve-1.log"))) {
      Process client =
          RemoteCli.of(tmp, server, token)
              .start("snapshot", "create", src.toString(), "--ref", "ml/data");
      client.getOutputStream().close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // A third pack stored means one of the first two was answered, and so indexed: the kill
      // then falls mid-upload with something for the rerun to reuse.
      while (packsStored() < 3 && client.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      server.kill();
      client.getInputStream().readAllBytes();
      String err = new String(client.getErrorStream().readAllBytes());
      assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(client.exitValue()).as(err).isNotZero();
      assertThat(err).contains("Cannot reach");
    }
    assertCleanAndEmpty();
    rerunSendsLessThanEverything();
  }

  private void assertCleanAndEmpty() throws Exception {
    assertThat(local.ok("check", "--read-data").out()).contains("no problems found");
    assertThat(json.readTree(local.ok("snapshot", "list", "--json").out())).isEmpty();
    assertThat(local.run("ref", "get", "ml/data").exit()).isEqualTo(4);
  }

  private void rerunSendsLessThanEverything() throws Exception {
    try (ServedRepository server =
        ServedRepository.start(local, tokens, tmp.resolve("serve-2.log"))) {
      RemoteCli remote = RemoteCli.of(tmp, server, token);
      var result =
          json.readTree(
              remote.ok("snapshot", "create", src.toString(), "--ref", "ml/data", "--json").out());
      long total = (long) FILES * FILE_BYTES;
      assertThat(result.get("refUpdate").asText()).isEqualTo("CREATED");
      assertThat(result.get("rawBytesAdded").asLong()).isPositive().isLessThan(total);
      Path out = tmp.resolve("restored");
      remote.ok("restore", "ml/data", out.toString());
      assertThat(WorkingSet.manifest(out)).isEqualTo(WorkingSet.manifest(src));
    }
    assertThat(local.ok("check", "--read-data").out()).contains("no problems found");
  }

  private long packsStored() throws Exception {
    Path packs = tmp.resolve("repo/packs");
    if (!Files.isDirectory(packs)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(packs)) {
      return s.filter(p -> p.toString().endsWith(".pack")).count();
    }
  }
}

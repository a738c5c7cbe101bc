package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cli.WorkingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn --server URL --token T ...} against a served repository: the same commands and
 * results as with a local one, and nothing of the client's touches the server's directory.
 */
class RemoteClientIT {
  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();
  private Cli local;
  private Path tokens;
  private String token;

  @BeforeEach
  void init() throws Exception {
    local = new Cli(tmp.resolve("repo"));
    local.ok("init");
    tokens = tmp.resolve("tokens.json");
    token = local.createToken(tokens, "ci", "ml", "write");
  }

  private Cli.Result remote(ServedRepository server, String... args) throws Exception {
    return RemoteCli.of(tmp, server, token).ok(args);
  }

  private Cli.Result remoteRun(ServedRepository server, String... args) throws Exception {
    return RemoteCli.of(tmp, server, token).run(args);
  }

  @Test
  void snapshotRestoreLsCatDiffAndRefsWorkAgainstAServer() throws Exception {
    Path src = tmp.resolve("src");
    Cli.write(src.resolve("data/train.csv"), "a,b\n1,2\n");
    byte[] weights = new byte[5_000_000];
    new Random(1).nextBytes(weights);
    Files.createDirectories(src.resolve("model"));
    Files.write(src.resolve("model/w.bin"), weights);
    Files.createSymbolicLink(src.resolve("model/latest"), Path.of("w.bin"));
    Files.createDirectories(src.resolve("empty/nested"));
    Cli.write(src.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        src.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    var before = WorkingSet.manifest(src);

    try (ServedRepository server =
        ServedRepository.start(local, tokens, tmp.resolve("serve.log"))) {
      String v1 =
          remote(server, "snapshot", "create", src.toString(), "--ref", "ml/data", "-m", "first")
              .lastLine();
      assertThat(v1).matches("[0-9a-f]{64}");
      // Unchanged: nothing sent. (Whether files are read again depends on how recently they were
      // written: the stat cache skips files younger than two seconds; RemoteSnapshotTest pins it.)
      Cli.Result again = remote(server, "snapshot", "create", src.toString(), "--ref", "ml/data");
      assertThat(again.out()).contains("added 0 blobs");

      Cli.write(src.resolve("data/train.csv"), "a,b\n1,2\n3,4\n");
      String v2 =
          remote(server, "snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
      JsonNode unchanged =
          json.readTree(
              remote(server, "snapshot", "create", src.toString(), "--ref", "ml/data", "--json")
                  .out());
      assertThat(unchanged.get("blobsAdded").asLong()).isZero();

      assertThat(remote(server, "ls", "ml/data").out())
          .contains("data/")
          .contains("model/")
          .contains("empty/");
      assertThat(remote(server, "ls", v1.substring(0, 10), "model").out())
          .contains("latest -> w.bin")
          .contains("w.bin");
      assertThat(remote(server, "cat", v1, "data/train.csv").out()).isEqualTo("a,b\n1,2\n");
      assertThat(remote(server, "diff", v1, v2).out())
          .contains("M data/train.csv")
          .contains("0 added, 0 removed, 1 modified");

      Path out = tmp.resolve("restored");
      remote(server, "restore", v1, out.toString());
      assertThat(WorkingSet.manifest(out)).isEqualTo(before);

      assertThat(remote(server, "ref", "get", "ml/data").out().strip()).isNotEqualTo(v1);
      assertThat(remote(server, "ref", "set", "ml/first", v1, "--create").out())
          .contains("created");
      assertThat(remoteRun(server, "ref", "set", "ml/first", v2, "--expect", v2).exit())
          .isEqualTo(3);
      assertThat(remote(server, "ref", "list", "--namespace", "ml").out())
          .contains("ml/data")
          .contains("ml/first");
      JsonNode log = json.readTree(remote(server, "ref", "log", "ml/data", "--json").out());
      assertThat(log).hasSize(4);
      assertThat(json.readTree(remote(server, "snapshot", "list", "--json").out())).hasSize(4);

      Cli.Result check = remoteRun(server, "check");
      assertThat(check.exit()).isEqualTo(2);
      assertThat(check.err()).contains("where it is served");
      Cli.Result otherNamespace =
          remoteRun(server, "snapshot", "create", src.toString(), "--ref", "secret/x");
      assertThat(otherNamespace.exit()).isEqualTo(2);
      assertThat(otherNamespace.err()).contains("access to namespace 'secret'");
    }
    assertThat(tmp.resolve("no-local-repo")).doesNotExist();
    assertThat(local.ok("check", "--read-data").out()).contains("no problems found");
    assertThat(local.ok("snapshot", "list", "--namespace", "ml").out()).contains("first");
  }
}

package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cli.WorkingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user drives it: every command, its output contract and its exit codes. */
class CliEndToEndIT {
  @TempDir Path tmp;
  private Cli cli;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void init() throws Exception {
    cli = new Cli(tmp.resolve("repo"));
    assertThat(cli.ok("init").out()).contains("Initialized");
  }

  @Test
  void theDemoRunsEndToEndLocallyAndThroughTheApiWithoutServerLogNoise() throws Exception {
    Cli.Result demo = cli.ok("demo", "--dir", tmp.resolve("demo").toString());
    assertThat(demo.out())
        .contains("Serving the repository on http://127.0.0.1:")
        .contains("sent only what the server lacked")
        .contains("3 snapshots")
        .contains("no problems")
        .doesNotContain("MISMATCH")
        .doesNotContain("dev.cairn.api.access");
    assertThat(demo.out().split("bit-exact", -1)).hasSize(3);
    assertThat(demo.err()).doesNotContain("dev.cairn.api.access").doesNotContain("oejs.Server");
    assertThat(tmp.resolve("demo/restored-v3/NOTES.md")).hasContent("Trained on snapshot 2.");
  }

  @Test
  void snapshotListShowLsCatDiffRestoreRoundTrip() throws Exception {
    Path src = tmp.resolve("src");
    Cli.write(src.resolve("data/train.csv"), "a,b\n1,2\n");
    byte[] weights = new byte[3_000_000];
    new Random(1).nextBytes(weights);
    Files.createDirectories(src.resolve("model"));
    Files.write(src.resolve("model/w.bin"), weights);
    Files.createSymbolicLink(src.resolve("model/latest"), Path.of("w.bin"));
    Files.createDirectories(src.resolve("empty"));

    Cli.Result created =
        cli.ok(
            "snapshot",
            "create",
            src.toString(),
            "--ref",
            "ml/data",
            "--kind",
            "dataset",
            "-m",
            "first",
            "--label",
            "team=vision");
    String v1 = created.lastLine();
    assertThat(v1).matches("[0-9a-f]{64}");
    var before = WorkingSet.manifest(src);

    Cli.write(src.resolve("data/train.csv"), "a,b\n1,2\n3,4\n");
    String v2 = cli.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    assertThat(v2).isNotEqualTo(v1);

    JsonNode list = json.readTree(cli.ok("snapshot", "list", "--json").out());
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("id").asText()).isEqualTo(v1);
    assertThat(list.get(0).get("kind").asText()).isEqualTo("DATASET");
    assertThat(list.get(0).get("labels").get("team").asText()).isEqualTo("vision");
    JsonNode history =
        json.readTree(cli.ok("snapshot", "list", "--ref", "ml/data", "--json").out());
    assertThat(history.get(0).get("id").asText()).isEqualTo(v2);
    assertThat(history.get(0).get("parents").get(0).asText()).isEqualTo(v1);
    assertThat(cli.ok("snapshot", "list", "--namespace", "ml").out())
        .contains(v1.substring(0, 12))
        .contains("first");

    assertThat(cli.ok("snapshot", "show", v1.substring(0, 8)).out())
        .contains("snapshot  " + v1)
        .contains("label     team=vision");
    assertThat(cli.ok("ls", "ml/data").out())
        .contains("data/")
        .contains("model/")
        .contains("empty/");
    JsonNode ls = json.readTree(cli.ok("ls", v1, "model", "--json").out());
    assertThat(ls)
        .extracting(n -> n.get("path").asText())
        .containsExactly("model/latest", "model/w.bin");
    assertThat(cli.ok("cat", v1, "data/train.csv").out()).isEqualTo("a,b\n1,2\n");

    Cli.Result diff = cli.ok("diff", v1, v2);
    assertThat(diff.out()).contains("M data/train.csv").contains("0 added, 0 removed, 1 modified");
    assertThat(json.readTree(cli.ok("diff", v1, v2, "--json").out()).get(0).get("change").asText())
        .isEqualTo("MODIFIED");

    Path out = tmp.resolve("restored");
    cli.ok("restore", v1, out.toString());
    assertThat(WorkingSet.manifest(out)).isEqualTo(before);
    cli.ok("restore", v1, tmp.resolve("only-model").toString(), "--path", "model");
    assertThat(Files.readAllBytes(tmp.resolve("only-model/w.bin"))).isEqualTo(weights);

    assertThat(cli.ok("check", "--read-data").out()).contains("no problems found");
  }

  @Test
  void refsTagsAndCompareAndSwapFromTheCommandLine() throws Exception {
    Path src = tmp.resolve("src");
    Cli.write(src.resolve("f"), "one");
    String a = cli.ok("snapshot", "create", src.toString(), "--ref", "ns/main").lastLine();
    Cli.write(src.resolve("f"), "two");
    String b = cli.ok("snapshot", "create", src.toString(), "--ref", "ns/other").lastLine();

    assertThat(cli.ok("ref", "get", "ns/main").out().strip()).isEqualTo(a);
    assertThat(cli.ok("ref", "set", "ns/main", b, "--expect", a).out()).contains("updated");
    Cli.Result stale = cli.run("ref", "set", "ns/main", a, "--expect", a);
    assertThat(stale.exit()).isEqualTo(3);
    assertThat(stale.err()).contains("ns/main").contains("expected");
    assertThat(cli.run("ref", "set", "ns/main", a, "--create").exit()).isEqualTo(3);
    assertThat(cli.ok("ref", "get", "ns/main").out().strip()).isEqualTo(b);

    assertThat(cli.ok("tag", "ns/v1", a).out()).contains("created");
    assertThat(cli.run("ref", "set", "ns/v1", b).exit()).isEqualTo(3);
    assertThat(cli.run("tag", "ns/v1", b).exit()).isEqualTo(3);
    Cli.Result onTag = cli.run("snapshot", "create", src.toString(), "--ref", "ns/v1");
    assertThat(onTag.exit()).isEqualTo(3);
    assertThat(onTag.lastLine()).matches("[0-9a-f]{64}");
    assertThat(onTag.err()).contains("tag");

    JsonNode log = json.readTree(cli.ok("ref", "log", "ns/main", "--json").out());
    assertThat(log).hasSize(2);
    assertThat(log.get(0).get("newTarget").asText()).isEqualTo(b);
    assertThat(cli.ok("ref", "list").out()).contains("ns/main").contains("ns/v1").contains("(tag)");
    assertThat(cli.ok("ref", "delete", "ns/main", "--expect", b).out()).contains("deleted");
    assertThat(cli.run("ref", "get", "ns/main").exit()).isEqualTo(4);
  }

  @Test
  void errorsHaveClearMessagesAndExitCodes() throws Exception {
    assertThat(cli.run("init").exit()).isEqualTo(3);
    Cli.Result unknown = cli.run("show-me");
    assertThat(unknown.exit()).isEqualTo(2);
    Cli.Result missing = cli.run("snapshot", "show", "deadbeef");
    assertThat(missing.exit()).isEqualTo(4);
    assertThat(missing.err()).contains("deadbeef").contains("does not exist");
    Cli.Result shortId = cli.run("snapshot", "show", "abc");
    assertThat(shortId.exit()).isEqualTo(2);
    assertThat(shortId.err()).contains("at least 8");
    assertThat(cli.run("snapshot", "create", tmp.toString()).exit()).isEqualTo(2);
    Cli.Result badRef = cli.run("snapshot", "create", tmp.toString(), "--ref", "NoNamespace");
    assertThat(badRef.exit()).isEqualTo(2);
    assertThat(badRef.err()).contains("NAMESPACE/NAME");
    Cli.Result badKind =
        cli.run("snapshot", "create", tmp.toString(), "--ref", "a/b", "--kind", "banana");
    assertThat(badKind.err()).contains("banana").contains("volume|dataset|code|model|other");
    Cli.Result noRepo = new Cli(tmp.resolve("nowhere")).run("snapshot", "list");
    assertThat(noRepo.exit()).isEqualTo(4);
    assertThat(noRepo.err()).contains("No cairn repository");
  }

  @Test
  void aFileFarLargerThanTheHeapIsSnapshottedAndRestoredInBoundedMemory() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("huge"));
    long size = 1L << 30;
    try (var f = new java.io.RandomAccessFile(src.resolve("sparse.img").toFile(), "rw")) {
      f.setLength(size);
      f.seek(size / 2);
      f.write("a marker in the middle".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    Cli small = cli.withJvmArg("-Xmx64m");
    String id = small.ok("snapshot", "create", src.toString(), "--ref", "ns/huge").lastLine();
    Path out = tmp.resolve("huge-out");
    small.ok("restore", id, out.toString());
    assertThat(Files.size(out.resolve("sparse.img"))).isEqualTo(size);
    assertThat(WorkingSet.manifest(out)).isEqualTo(WorkingSet.manifest(src));
  }

  @Test
  void twoProcessesSnapshottingOneRepositoryTakeTurns() throws Exception {
    Path src = tmp.resolve("src");
    byte[] data = new byte[20_000_000];
    new Random(2).nextBytes(data);
    Files.createDirectories(src);
    Files.write(src.resolve("big"), data);
    Process first = cli.start("snapshot", "create", src.toString(), "--ref", "ns/shared");
    Process second = cli.start("snapshot", "create", src.toString(), "--ref", "ns/shared");
    String out1 = new String(first.getInputStream().readAllBytes());
    String out2 = new String(second.getInputStream().readAllBytes());
    assertThat(first.waitFor()).isZero();
    assertThat(second.waitFor()).isZero();
    JsonNode history =
        json.readTree(cli.ok("snapshot", "list", "--ref", "ns/shared", "--json").out());
    assertThat(history).hasSize(2);
    assertThat(out1 + out2)
        .contains(history.get(0).get("id").asText())
        .contains(history.get(1).get("id").asText());
    assertThat(cli.ok("check").out()).contains("no problems");
  }
}

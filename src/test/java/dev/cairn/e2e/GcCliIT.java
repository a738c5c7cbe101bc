package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cli.WorkingSet;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn gc} as a user runs it: a dry run that changes nothing, then a real collection. */
class GcCliIT {
  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void gcReclaimsADeletedSnapshotAndADryRunChangesNoByte() throws Exception {
    Path repoDir = tmp.resolve("repo");
    Cli cli = new Cli(repoDir);
    cli.ok("init");
    Path gone = tmp.resolve("gone");
    Path kept = tmp.resolve("kept");
    Files.createDirectories(gone);
    Files.createDirectories(kept);
    byte[] bytes = new byte[4_000_000];
    new Random(1).nextBytes(bytes);
    Files.write(gone.resolve("old.bin"), bytes);
    new Random(2).nextBytes(bytes);
    Files.write(kept.resolve("new.bin"), bytes);
    String goneId = cli.ok("snapshot", "create", gone.toString(), "--ref", "ns/gone").lastLine();
    cli.ok("snapshot", "create", kept.toString(), "--ref", "ns/kept");
    var keptManifest = WorkingSet.manifest(kept);
    cli.ok("ref", "delete", "ns/gone");
    // 'cairn snapshot delete' belongs to retention; the API does the same here.
    try (Repository repo = Repository.open(repoDir)) {
      assertThat(repo.deleteSnapshot(ObjectId.parse(goneId))).isTrue();
    }

    SortedMap<String, String> before = listing(repoDir);
    JsonNode dry = json.readTree(cli.ok("gc", "--dry-run", "--grace", "0", "--json").out());
    assertThat(listing(repoDir)).isEqualTo(before);
    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(dry.get("blobsCondemned").asLong()).isPositive();

    Cli.Result text = cli.ok("gc", "--grace", "0");
    assertThat(text.out())
        .contains("snapshots expired: 0")
        .contains("marked: 1 snapshots")
        .containsPattern("bytes reclaimed: [1-9]")
        .contains("phases: expire");
    JsonNode again = json.readTree(cli.ok("gc", "--grace", "0", "--json").out());
    assertThat(again.get("bytesReclaimed").asLong()).isZero();

    assertThat(cli.ok("check", "--read-data").out()).contains("no problems found");
    Path out = tmp.resolve("restored");
    cli.ok("restore", "ns/kept", out.toString());
    assertThat(WorkingSet.manifest(out)).isEqualTo(keptManifest);
  }

  @Test
  void aServedRepositoryIsCollectedThroughTheServerAndLocalCommandsSaySo() throws Exception {
    Path repoDir = tmp.resolve("served");
    Cli cli = new Cli(repoDir);
    cli.ok("init");
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    byte[] bytes = new byte[2_000_000];
    new Random(3).nextBytes(bytes);
    Files.write(src.resolve("a.bin"), bytes);
    String first = cli.ok("snapshot", "create", src.toString(), "--ref", "ns/main").lastLine();
    new Random(4).nextBytes(bytes);
    Files.write(src.resolve("a.bin"), bytes);
    cli.ok("snapshot", "create", src.toString(), "--ref", "ns/main");
    Path tokens = tmp.resolve("tokens.json");
    String admin = cli.createToken(tokens, "ops", "*", "admin");
    String teamAdmin = cli.createToken(tokens, "team", "ns", "admin");

    try (ServedRepository server = ServedRepository.start(cli, tokens, tmp.resolve("s.log"))) {
      for (String[] local :
          new String[][] {
            {"gc"},
            {"gc", "--dry-run"},
            {"retention", "set", "ns/main", "--keep-last", "1"},
            {"snapshot", "delete", first}
          }) {
        Cli.Result refused = cli.run(local);
        assertThat(refused.exit()).as(String.join(" ", local)).isEqualTo(1);
        assertThat(refused.err())
            .as(String.join(" ", local))
            .contains("served by a running 'cairn serve' at " + server.url())
            .contains("--server " + server.url());
      }

      RemoteCli ops = RemoteCli.of(tmp, server, admin);
      ops.ok("retention", "set", "ns/main", "--keep-last", "1");
      assertThat(ops.ok("retention", "show").out()).contains("ns/main: keep-last 1");
      assertThat(RemoteCli.of(tmp, server, teamAdmin).run("gc").err())
          .contains("admin access to every namespace");
      JsonNode report = json.readTree(ops.ok("gc", "--grace", "0", "--json").out());
      assertThat(report.get("snapshotsExpired").get(0).asText()).isEqualTo(first);
      assertThat(report.get("bytesReclaimed").asLong()).isPositive();
      assertThat(ops.ok("retention", "clear", "ns/main").out()).contains("policy cleared");
    }
    assertThat(Files.exists(repoDir.resolve("serving"))).isFalse();
    assertThat(cli.ok("check", "--read-data").out()).contains("no problems found");
  }

  @Test
  void aBadGraceIsAUsageError() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Cli.Result r = cli.run("gc", "--grace", "soon");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid duration 'soon'");
  }

  /** Every file of the repository directory with a hash of its bytes. */
  private static SortedMap<String, String> listing(Path root) throws Exception {
    SortedMap<String, String> out = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString(), hash(sha, p));
        }
      }
    }
    return out;
  }

  private static String hash(MessageDigest sha, Path p) throws IOException {
    return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p)));
  }
}

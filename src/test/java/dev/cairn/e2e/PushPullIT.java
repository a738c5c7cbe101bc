package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.WorkingSet;
import dev.cairn.store.S3Credentials;
import dev.cairn.store.testkit.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn push} and {@code cairn pull} between directories, buckets and a server. */
class PushPullIT {
  @TempDir Path tmp;
  private final S3TestServer s3 = S3TestServer.shared();
  private final Random random = new Random(9);

  /** A CLI on {@code repo} that can reach the test bucket too. */
  private Cli cli(String repo) {
    S3Credentials c = s3.settings().credentials().orElseThrow();
    return new Cli(
        repo,
        Map.of(
            "CAIRN_S3_ENDPOINT", s3.endpoint().toString(),
            "AWS_ACCESS_KEY_ID", c.accessKey(),
            "AWS_SECRET_ACCESS_KEY", c.secretKey(),
            "XDG_CACHE_HOME", tmp.resolve("cache").toString()));
  }

  private Cli initLocal(String name) throws Exception {
    Cli cli = cli(tmp.resolve(name).toString());
    cli.ok("init");
    return cli;
  }

  private String initBucket() throws Exception {
    String url = s3.newLocation().toString();
    cli(url).ok("init");
    return url;
  }

  private void randomFile(Path p, int size) throws Exception {
    byte[] b = new byte[size];
    random.nextBytes(b);
    Files.createDirectories(p.getParent());
    Files.write(p, b);
  }

  private Path dataset() throws Exception {
    Path src = tmp.resolve("src");
    for (int i = 0; i < 100; i++) {
      randomFile(src.resolve("shards/part-" + i + ".bin"), 100_000);
    }
    Cli.write(src.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        src.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(src.resolve("latest"), Path.of("shards/part-0.bin"));
    return src;
  }

  private static long field(Cli.Result json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\" : (\\d+)").matcher(json.out());
    assertThat(m.find()).as(json.out()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private void assertRestores(Cli cli, String snapshot, Path expected) throws Exception {
    Path out = tmp.resolve("out-" + random.nextInt(1_000_000));
    cli.ok("restore", snapshot, out.toString());
    assertThat(WorkingSet.manifest(out)).isEqualTo(WorkingSet.manifest(expected));
    assertThat(Files.getPosixFilePermissions(out.resolve("bin/run.sh")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
  }

  @Test
  void localToBucketToLocalIsBitExactWithTheSameIds() throws Exception {
    Path src = dataset();
    Cli a = initLocal("a");
    String v1 = a.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    String bucket = initBucket();
    Cli b = initLocal("b");

    Cli.Result pushed = a.ok("push", "ml/data", "--to", bucket);
    Cli.Result pulled = b.ok("pull", "ml/data", "--from", bucket);

    assertThat(pushed.lastLine())
        .startsWith("pushed " + v1.substring(0, 12) + " to " + bucket)
        .contains("1 snapshot(s) copied", "ref ml/data created");
    assertThat(pulled.lastLine()).contains("from " + bucket, "ref ml/data created");
    assertThat(cli(bucket).ok("ref", "get", "ml/data").out().strip()).isEqualTo(v1);
    assertThat(b.ok("ref", "get", "ml/data").out().strip()).isEqualTo(v1);
    assertRestores(b, v1, src);
    assertThat(cli(bucket).ok("check", "--read-data").out()).contains("no problems found");
  }

  @Test
  void bucketToBucketAndASecondPushAfterAOnePercentChangeSendsOnlyThatChange() throws Exception {
    Path src = dataset();
    String one = initBucket();
    String two = initBucket();
    Cli first = cli(one);
    first.ok("snapshot", "create", src.toString(), "--ref", "ml/data");
    Cli.Result initial = first.ok("push", "ml/data", "--to", two, "--json");
    randomFile(src.resolve("shards/part-42.bin"), 100_000);
    String v2 = first.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();

    Cli.Result second = first.ok("push", "ml/data", "--to", two, "--json");

    assertThat(field(initial, "rawBytesSent")).isGreaterThanOrEqualTo(10_000_000);
    assertThat(field(second, "rawBytesSent")).isBetween(100_000L, 120_000L);
    assertThat(field(second, "bytesSkipped")).isGreaterThanOrEqualTo(9_900_000);
    assertThat(second.out()).contains("\"UPDATED\"");
    assertRestores(cli(two), v2, src);
  }

  @Test
  void historyIsCopiedAndADivergedRefIsRefusedUnlessForced() throws Exception {
    Path src = tmp.resolve("src");
    Cli a = initLocal("a");
    String[] v = new String[3];
    for (int i = 0; i < 3; i++) {
      randomFile(src.resolve("f" + i), 20_000);
      v[i] = a.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    }
    Cli b = initLocal("b");
    b.ok("pull", v[0], "--from", tmp.resolve("a").toString(), "--ref", "ml/data");

    Cli.Result history = a.ok("push", "ml/data", "--to", tmp.resolve("b").toString(), "--history");
    assertThat(history.lastLine()).contains("2 snapshot(s) copied, 1 already there", "updated");
    assertThat(b.ok("snapshot", "list").out()).contains(v[0].substring(0, 8), v[1].substring(0, 8));

    Cli.Result refused =
        a.run("push", v[1], "--to", tmp.resolve("b").toString(), "--ref", "ml/data");
    assertThat(refused.exit()).as(refused.err()).isEqualTo(3);
    assertThat(refused.err()).contains("is not an ancestor", "--force");
    a.ok("push", v[1], "--to", tmp.resolve("b").toString(), "--ref", "ml/data", "--force");
    assertThat(b.ok("ref", "get", "ml/data").out().strip()).isEqualTo(v[1]);
  }

  /**
   * Killed as SIGKILL would, between two packs. The destination is a directory: a killed writer of
   * a bucket holds its lease until the lease expires (two minutes), which this test need not wait
   * for; SnapshotTransferTest interrupts a copy into a bucket.
   */
  @Test
  void aPushKilledMidwayLeavesNothingVisibleAndARerunSendsOnlyTheRest() throws Exception {
    Path src = dataset();
    Cli a = initLocal("a");
    String s = a.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    // Small packs, so the push is several of them and the crash comes between two.
    Path b = tmp.resolve("b");
    Cli dest = cli(b.toString());
    dest.ok("init", "--pack-size", String.valueOf(1 << 20));
    Path old = tmp.resolve("old");
    randomFile(old.resolve("bin/run.sh"), 1000);
    Files.setPosixFilePermissions(
        old.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    String earlier = dest.ok("snapshot", "create", old.toString(), "--ref", "ml/old").lastLine();

    Cli.Result crashed =
        a.withJvmArg("-Dcairn.crash.at=pack-received:4")
            .run("push", "ml/data", "--to", b.toString());
    assertThat(crashed.exit()).as(crashed.err()).isEqualTo(137);
    assertThat(dest.ok("snapshot", "list").out()).doesNotContain(s.substring(0, 8));

    Cli.Result resumed = a.ok("push", "ml/data", "--to", b.toString(), "--json");
    assertThat(field(resumed, "blobsSkipped")).isPositive();
    assertThat(field(resumed, "rawBytesSent")).isLessThan(9_000_000);
    assertThat(dest.ok("check", "--read-data").out()).contains("no problems found");
    assertRestores(dest, s, src);
    assertRestores(dest, earlier, old);
  }

  @Test
  void aServerCanBeEitherEnd() throws Exception {
    Path src = dataset();
    Cli served = initLocal("served");
    Path tokens = tmp.resolve("tokens.json");
    String token = served.createToken(tokens, "ci", "ml", "write");
    Cli a = initLocal("a");
    String v1 = a.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    Cli b = initLocal("b");
    try (ServedRepository server = ServedRepository.start(served, tokens, tmp.resolve("s.log"))) {
      a.ok("push", "ml/data", "--to", server.url(), "--remote-token", token);
      b.withEnv("CAIRN_REMOTE_TOKEN", token).ok("pull", v1, "--from", server.url());
    }
    assertThat(served.ok("ref", "get", "ml/data").out().strip()).isEqualTo(v1);
    assertRestores(b, v1, src);
  }

  @Test
  void badInputIsNamed() throws Exception {
    Cli a = initLocal("a");
    initLocal("b");
    Cli.Result unknown = a.run("push", "ml/nothing", "--to", tmp.resolve("b").toString());
    assertThat(unknown.exit()).isEqualTo(4);
    assertThat(unknown.err()).contains("ml/nothing");
    Cli.Result badUrl = a.run("push", "ml/nothing", "--to", "ftp://host/repo");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err()).contains("ftp://host/repo");
    Cli.Result noRepo = a.run("pull", "deadbeef00", "--from", tmp.resolve("none").toString());
    assertThat(noRepo.exit()).isEqualTo(4);
    assertThat(noRepo.err()).contains(tmp.resolve("none").toString());
  }
}

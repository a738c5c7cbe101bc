package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.S3Credentials;
import dev.cairn.store.testkit.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a repository in a bucket: S3Proxy on loopback, or CAIRN_TEST_S3_ENDPOINT. */
class BucketCliIT {
  @TempDir Path tmp;

  private Cli cli(String url, S3TestServer server) {
    S3Credentials c = server.settings().credentials().orElseThrow();
    return new Cli(
        url,
        Map.of(
            "CAIRN_S3_ENDPOINT", server.endpoint().toString(),
            "AWS_ACCESS_KEY_ID", c.accessKey(),
            "AWS_SECRET_ACCESS_KEY", c.secretKey(),
            "XDG_CACHE_HOME", tmp.resolve("cache").toString()));
  }

  @Test
  void initSnapshotRestoreAndCheckABucketRepository() throws Exception {
    S3TestServer server = S3TestServer.shared();
    String url = server.newLocation().toString();
    Cli cli = cli(url, server);
    String secret = server.settings().credentials().orElseThrow().secretKey();

    assertThat(cli.ok("init").out()).contains("Initialized empty cairn repository in " + url);
    Path src = tmp.resolve("src");
    Cli.write(src.resolve("data/train.csv"), "a,b\n1,2\n");
    Cli.write(src.resolve("model/weights.bin"), "w".repeat(100_000));
    String v1 = cli.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    Cli.write(src.resolve("data/train.csv"), "a,b\n1,2\n3,4\n");
    String v2 = cli.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();

    assertThat(cli.ok("snapshot", "list").out()).contains(v1.substring(0, 8), v2.substring(0, 8));
    assertThat(cli.ok("diff", v1, v2).out()).contains("data/train.csv");
    Path out = tmp.resolve("out");
    cli.ok("restore", v1, out.toString());
    assertThat(Files.readString(out.resolve("data/train.csv"))).isEqualTo("a,b\n1,2\n");
    assertThat(Files.readString(out.resolve("model/weights.bin"))).hasSize(100_000);
    assertThat(cli.ok("check", "--read-data").out()).contains("no problems found");

    // The cache can go at any time: the next command rebuilds it from the bucket.
    deleteTree(tmp.resolve("cache"));
    assertThat(cli.ok("ref", "get", "ml/data").out().strip()).isEqualTo(v2);
    Cli.Result rebuilt = cli.ok("check", "--rebuild-index");
    assertThat(rebuilt.out()).contains("rebuilt index:", "1 refs").contains("no problems found");

    for (Cli.Result r : new Cli.Result[] {rebuilt, cli.ok("snapshot", "list", "--json")}) {
      assertThat(r.out() + r.err()).doesNotContain(secret);
    }
  }

  @Test
  void retentionPoliciesLiveInTheBucketAndDeleteIsGuarded() throws Exception {
    S3TestServer server = S3TestServer.shared();
    Cli cli = cli(server.newLocation().toString(), server);
    cli.ok("init");
    Path src = tmp.resolve("src");
    Cli.write(src.resolve("a.txt"), "1");
    String v1 = cli.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();
    Cli.write(src.resolve("a.txt"), "2");
    String v2 = cli.ok("snapshot", "create", src.toString(), "--ref", "ml/data").lastLine();

    cli.ok("retention", "set", "ml/data", "--keep-last", "1");
    // The cache is only a cache: the policy is read back from the bucket.
    deleteTree(tmp.resolve("cache"));
    assertThat(cli.ok("retention", "show").out()).contains("ml/data: keep-last 1 (version 1)");
    assertThat(cli.ok("retention", "plan").out())
        .contains("expire  " + v1.substring(0, 8))
        .contains("1 to expire, 1 kept");

    Cli.Result refused = cli.run("snapshot", "delete", v2);
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err()).contains("ref ml/data, retention (ml/data: last 1) refer to it");
    cli.ok("snapshot", "delete", v1);
    assertThat(cli.ok("retention", "plan").out()).contains("0 to expire, 1 kept");
  }

  @Test
  void missingCredentialsGiveAClearErrorAndAnEndpointFlagWorksLikeTheVariable() throws Exception {
    S3TestServer server = S3TestServer.shared();
    String url = server.newLocation().toString();
    Cli noKeys =
        new Cli(
            url,
            Map.of(
                "HOME", tmp.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("none").toString(),
                "XDG_CACHE_HOME", tmp.resolve("cache").toString()));
    Cli.Result r = noKeys.run("--s3-endpoint", server.endpoint().toString(), "init");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("no S3 credentials");
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

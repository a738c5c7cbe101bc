package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.gc.ExpiryPlanner;
import dev.cairn.gc.GarbageCollector;
import dev.cairn.gc.GcOptions;
import dev.cairn.gc.GcRoots;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GcRoutesTest extends ServerFixture {
  private static final String GC = "/api/v1/gc";
  private static final String A = "/api/v1/namespaces/team-a";

  @Test
  void anAdminReclaimsADeletedSnapshotAndTheRestStaysReadable() {
    String gone = snapshot("team-a", "gone", Map.of("old.bin", noise(1)));
    snapshot("team-a", "kept", Map.of("new.bin", noise(2)));
    assertThat(delete(A + "/refs/gone", admin).status()).isEqualTo(204);
    assertThat(delete(A + "/snapshots/" + gone, admin).status()).isEqualTo(204);

    Res r = postJson(GC, admin, "{\"grace\": \"0\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.get("dryRun").asBoolean()).isFalse();
    assertThat(report.get("marked").get("snapshots").asLong()).isEqualTo(1);
    assertThat(report.get("blobsRemoved").asLong()).isPositive();
    assertThat(report.get("bytesReclaimed").asLong()).isPositive();
    assertThat(report.get("phaseSeconds").has("mark")).isTrue();

    JsonNode again = postJson(GC, admin, "{\"grace\": \"0\"}").json();
    assertThat(again.get("bytesReclaimed").asLong()).isZero();
    Res file = get(A + "/snapshots/" + head("kept") + "/files/new.bin", reader);
    assertThat(file.text()).isEqualTo(noise(2));
    assertThat(get("/metrics", admin).text()).contains("cairn_gc_reclaimed_bytes_total");
  }

  @Test
  void aDryRunChangesNothing() throws Exception {
    String gone = snapshot("team-a", "gone", Map.of("old.bin", noise(3)));
    assertThat(delete(A + "/refs/gone", admin).status()).isEqualTo(204);
    assertThat(delete(A + "/snapshots/" + gone, admin).status()).isEqualTo(204);
    SortedMap<String, String> before = listing(tmp.resolve("repo"));

    JsonNode dry = postJson(GC, admin, "{\"dryRun\": true, \"grace\": \"0\"}").json();

    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(dry.get("blobsCondemned").asLong()).isPositive();
    assertThat(listing(tmp.resolve("repo"))).isEqualTo(before);
  }

  @Test
  void onlyAnAdminOfEveryNamespaceMayCollect() {
    Res w = postJson(GC, writer, "{}");
    assertThat(w.status()).isEqualTo(403);
    assertThat(w.json().get("message").asText()).contains("admin access to every namespace");
    assertThat(postJson(GC, null, "{}").status()).isEqualTo(401);

    String teamAdmin = restartWithTeamAdmin();
    assertThat(postJson(GC, teamAdmin, "{}").status()).isEqualTo(403);
    assertThat(postJson(GC, admin, "{}").status()).isEqualTo(200);
  }

  @Test
  void badOptionsAreRefusedNamingTheField() {
    assertThat(postJson(GC, admin, "{\"grace\": \"soon\"}").json().get("message").asText())
        .contains("Invalid duration 'soon'");
    assertThat(postJson(GC, admin, "{\"grace\": 5}").json().get("message").asText())
        .contains("field 'grace'");
    assertThat(postJson(GC, admin, "{\"dryRun\": \"yes\"}").json().get("message").asText())
        .contains("field 'dryRun'");
    Res unknown = postJson(GC, admin, "{\"force\": true}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText()).contains("unknown field 'force'");
  }

  @Test
  void aSecondCollectionWhileOneRunsIsAConflict() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    GcRoots blocking =
        () -> {
          entered.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return List.of();
        };
    // A collection of the same repository in this process holds the one-at-a-time lock.
    CompletableFuture<?> running =
        CompletableFuture.runAsync(
            () ->
                new GarbageCollector(repo, ExpiryPlanner.KEEP_ALL, List.of(blocking))
                    .run(GcOptions.DEFAULTS));
    try {
      assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
      Res second = postJson(GC, admin, "{\"dryRun\": true}");
      assertThat(second.status()).isEqualTo(409);
      assertThat(second.json().get("code").asText()).isEqualTo("CONFLICT");
      assertThat(second.json().get("message").asText()).contains("another collection is running");
    } finally {
      release.countDown();
      running.get(60, TimeUnit.SECONDS);
    }
    assertThat(postJson(GC, admin, "{\"dryRun\": true}").status()).isEqualTo(200);
  }

  @Test
  void aLineagePinKeepsASnapshotThatRetentionWouldExpire() {
    String pinned = snapshot("team-a", "main", Map.of("f", "1"));
    String loose = snapshot("team-a", "main", Map.of("f", "2"));
    snapshot("team-a", "main", Map.of("f", "3"));
    assertThat(putJson(A + "/retention/main", admin, "{\"keepLast\": 1}").status()).isEqualTo(200);
    long type =
        lineage.putArtifactType(
            "team-a", ArtifactType.newBuilder().setName("Dataset").build(), TypeUpsert.exact());
    lineage.putArtifacts(
        "team-a",
        List.of(Artifact.newBuilder().setTypeId(type).setUri("cairn:snapshot/" + pinned).build()));

    JsonNode report = postJson(GC, admin, "{\"grace\": \"0\"}").json();

    assertThat(report.get("snapshotsExpired")).extracting(JsonNode::asText).containsExactly(loose);
    assertThat(get(A + "/snapshots/" + pinned, reader).status()).isEqualTo(200);
    assertThat(get(A + "/snapshots/" + loose, reader).status()).isEqualTo(404);
  }

  private String head(String ref) {
    return get(A + "/refs/" + ref, reader).json().get("target").asText();
  }

  /** Incompressible text, so the blobs of two snapshots never deduplicate. */
  private static String noise(long seed) {
    byte[] b = new byte[200_000];
    new Random(seed).nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Every file under {@code root} with a hash of its bytes (RocksDB's info logs aside). */
  private static SortedMap<String, String> listing(Path root) throws Exception {
    SortedMap<String, String> out = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith("LOG")) {
          out.put(
              root.relativize(p).toString(),
              HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
      }
    }
    return out;
  }
}

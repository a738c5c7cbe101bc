package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackBuilder;
import dev.cairn.store.pack.SealedPack;
import dev.cairn.store.testkit.TestRepos;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The upload and blob routes over HTTP: formats, verification, and who may call them. */
class TransferRoutesTest extends ServerFixture {
  private static final String A = "/api/v1/namespaces/team-a";
  private static final String B = "/api/v1/namespaces/team-b";

  private byte[] pack(PackBuilder.Encoded... blobs) throws Exception {
    try (PackBuilder b = new PackBuilder(tmp)) {
      for (PackBuilder.Encoded e : blobs) {
        b.add(e);
      }
      SealedPack sealed = b.seal();
      byte[] bytes = Files.readAllBytes(sealed.file());
      Files.delete(sealed.file());
      return bytes;
    }
  }

  private static PackBuilder.Encoded chunk(ObjectId id, byte[] content) {
    return PackBuilder.encode(new BlobCodec(1), BlobKind.CHUNK, id, content, 0, content.length);
  }

  private long storedPacks() throws Exception {
    Path packs = tmp.resolve("repo/packs");
    if (!Files.isDirectory(packs)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(packs)) {
      return s.filter(p -> p.toString().endsWith(".pack")).count();
    }
  }

  private Res postPack(String ns, String token, byte[] pack) {
    return send(
        request("/api/v1/namespaces/" + ns + "/packs", token)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(pack))
            .build());
  }

  private Res missing(String ns, String token, ObjectId... ids) {
    return postJson(
        "/api/v1/namespaces/" + ns + "/blobs/missing",
        token,
        "{\"ids\":"
            + Arrays.stream(ids).map(i -> "\"" + i + "\"").toList().toString().replace(" ", "")
            + "}");
  }

  @Test
  void theRepositoryDescribesItsChunkerToAnyToken() {
    JsonNode repo = get("/api/v1/repository", reader).json();
    assertThat(repo.get("chunker").get("avgSize").asInt())
        .isEqualTo(TestRepos.SMALL_CHUNKS.avgSize());
    assertThat(repo.get("chunker").get("gearSeed").asLong())
        .isEqualTo(TestRepos.SMALL_CHUNKS.gearSeed());
    assertThat(repo.get("repositoryId").asText()).hasSize(32);
    assertThat(get("/api/v1/repository", null).status()).isEqualTo(401);
  }

  @Test
  void aVerifiedPackMakesItsBlobsPresentAndReadable() throws Exception {
    byte[] content = "some chunk content ".repeat(100).getBytes();
    ObjectId id = ObjectId.hash(content);
    assertThat(missing("team-a", writer, id).json().get("missing").get(0).asText())
        .isEqualTo(id.toString());

    Res stored = postPack("team-a", writer, pack(chunk(id, content)));
    assertThat(stored.status()).isEqualTo(201);
    assertThat(stored.json().get("newBlobs").asInt()).isEqualTo(1);
    assertThat(missing("team-a", writer, id).json().get("missing")).isEmpty();

    Res blob = get(A + "/blobs/" + id, reader);
    assertThat(blob.status()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(content);
    assertThat(get(A + "/blobs/" + ObjectId.hash(new byte[] {7}), reader).status()).isEqualTo(404);
    assertThat(get(A + "/blobs/abc", reader).status()).isEqualTo(400);
  }

  @Test
  void aPackWithABlobThatLiesAboutItsIdIsRefusedAndLeavesNoTrace() throws Exception {
    byte[] content = "honest bytes".repeat(10).getBytes();
    ObjectId claimed = ObjectId.hash("other bytes".getBytes());
    Res r = postPack("team-a", writer, pack(chunk(claimed, content)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(r.json().get("message").asText())
        .startsWith("Cannot accept pack")
        .contains("does not match its id");

    byte[] good = pack(chunk(ObjectId.hash(content), content));
    Res torn = postPack("team-a", writer, Arrays.copyOf(good, good.length - 3));
    assertThat(torn.status()).isEqualTo(400);
    assertThat(postPack("team-a", writer, "{}".getBytes()).status()).isEqualTo(400);

    assertThat(storedPacks()).isZero();
    assertThat(missing("team-a", writer, claimed, ObjectId.hash(content)).json().get("missing"))
        .hasSize(2);
    try (Stream<Path> staged = Files.list(tmp.resolve("repo/tmp"))) {
      assertThat(staged).isEmpty();
    }
  }

  @Test
  void aCommitOfATreeTheServerDoesNotHoldIs404AndCreatesNothing() {
    ObjectId absent = ObjectId.hash("no such tree".getBytes());
    Res r =
        postJson(
            A + "/snapshots/commit", writer, "{\"ref\":\"x\",\"rootTree\":\"" + absent + "\"}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("message").asText())
        .startsWith("Cannot commit snapshot to team-a/x")
        .contains(absent.toString());
    assertThat(get(A + "/refs/x", reader).status()).isEqualTo(404);
    assertThat(postJson(A + "/snapshots/commit", writer, "{\"ref\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(
            postJson(A + "/snapshots/commit", writer, "{\"ref\":\"x\",\"rootTree\":\"zz\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void writingNeedsWriteAccessToTheNamespaceAndReadingNeedsRead() throws Exception {
    byte[] content = "x".repeat(100).getBytes();
    ObjectId id = ObjectId.hash(content);
    byte[] pack = pack(chunk(id, content));
    String commit = "{\"ref\":\"x\",\"rootTree\":\"" + id + "\"}";
    for (Res r :
        List.of(
            missing("team-a", reader, id),
            postPack("team-a", reader, pack),
            postJson(A + "/snapshots/commit", reader, commit),
            missing("team-b", writer, id),
            postPack("team-b", writer, pack),
            postJson(B + "/snapshots/commit", writer, commit),
            get(B + "/blobs/" + id, reader))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().get("code").asText()).isEqualTo("PERMISSION_DENIED");
    }
    for (Res r :
        List.of(
            missing("team-a", null, id),
            postPack("team-a", null, pack),
            get(A + "/blobs/" + id, null))) {
      assertThat(r.status()).isEqualTo(401);
    }
    assertThat(storedPacks()).isZero();
    assertThat(postPack("team-b", admin, pack).status()).isEqualTo(201);
    assertThat(get(A + "/blobs/" + id, reader).status()).isEqualTo(200);
  }

  @Test
  void tooManyIdsInOneQuestionIs400() {
    StringBuilder ids = new StringBuilder("{\"ids\":[");
    for (int i = 0; i <= 20_000; i++) {
      ids.append(i == 0 ? "" : ",")
          .append('"')
          .append(ObjectId.hash(new byte[] {(byte) i, (byte) (i >> 8)}))
          .append('"');
    }
    Res r = postJson(A + "/blobs/missing", writer, ids.append("]}").toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).contains("at most 20000");
  }

  private Res stored(String ns, String token, String idsJson) {
    return postJson(
        "/api/v1/namespaces/" + ns + "/blobs/stored", token, "{\"ids\":" + idsJson + "}");
  }

  private static String ids(ObjectId... ids) {
    return Arrays.stream(ids).map(i -> "\"" + i + "\"").toList().toString().replace(" ", "");
  }

  @Test
  void storedBlobsStreamInTheOrderAskedAsStoredWithAbsentOnesMarked() throws Exception {
    byte[] text = "compressible text\n".repeat(1000).getBytes();
    byte[] noise = new byte[5000];
    new java.util.Random(7).nextBytes(noise);
    ObjectId a = ObjectId.hash(text);
    ObjectId b = ObjectId.hash(noise);
    ObjectId absent = ObjectId.hash("not stored".getBytes());
    assertThat(postPack("team-a", writer, pack(chunk(a, text), chunk(b, noise))).status())
        .isEqualTo(201);

    Res r = stored("team-a", reader, ids(b, absent, a, b));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(StoredBlobFrames.CONTENT_TYPE);
    StoredBlobFrames.Reader frames =
        new StoredBlobFrames.Reader(new java.io.ByteArrayInputStream(r.body()), "test");
    StoredBlob first = frames.next(b).orElseThrow();
    assertThat(first.compressed()).isFalse();
    assertThat(first.bytes()).isEqualTo(noise);
    assertThat(frames.next(absent)).isEmpty();
    StoredBlob zstd = frames.next(a).orElseThrow();
    assertThat(zstd.compressed()).isTrue();
    assertThat(zstd.rawLength()).isEqualTo(text.length);
    assertThat(zstd.bytes().length).isLessThan(text.length);
    assertThat(com.github.luben.zstd.Zstd.decompress(zstd.bytes(), text.length)).isEqualTo(text);
    assertThat(frames.next(b).orElseThrow().bytes()).isEqualTo(noise);
    frames.finish();
  }

  @Test
  void storedBlobsNeedReadAccessToTheNamespaceAndFullIds() throws Exception {
    byte[] content = "y".repeat(100).getBytes();
    ObjectId id = ObjectId.hash(content);
    assertThat(postPack("team-a", writer, pack(chunk(id, content))).status()).isEqualTo(201);

    assertThat(stored("team-a", null, ids(id)).status()).isEqualTo(401);
    Res otherTeam = stored("team-b", reader, ids(id));
    assertThat(otherTeam.status()).isEqualTo(403);
    assertThat(otherTeam.json().get("code").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(stored("team-b", writer, ids(id)).status()).isEqualTo(403);
    assertThat(stored("team-a", "no-such-token", ids(id)).status()).isEqualTo(401);

    for (String bad : List.of("[\"abc\"]", "[\"" + "z".repeat(64) + "\"]", "[7]", "\"x\"")) {
      Res r = stored("team-a", reader, bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().get("message").asText()).as(bad).contains("ids");
    }
    assertThat(postJson(A + "/blobs/stored", reader, "{\"idz\":[]}").status()).isEqualTo(400);
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i <= 20_000; i++) {
      many.append(i == 0 ? "" : ",").append('"').append(id).append('"');
    }
    assertThat(stored("team-a", reader, many.append("]").toString()).json().get("message").asText())
        .contains("at most 20000");
  }
}

package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class SnapshotRoutesTest extends ServerFixture {
  private static final String A = "/api/v1/namespaces/team-a";

  @Test
  void anUploadedTarBecomesASnapshotThatCanBeListedBrowsedAndDownloaded() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("data/", "");
    files.put("data/a.csv", "x,y\n1,2\n");
    files.put("data/deep/b.txt", "hello");
    files.put("README", "read me");
    Res created =
        upload(
            "team-a", "ref=train&kind=dataset&label=owner%3Dann&message=first", writer, tar(files));
    assertThat(created.status()).isEqualTo(201);
    JsonNode snap = created.json().get("snapshot");
    String id = snap.get("id").asText();
    assertThat(snap.get("kind").asText()).isEqualTo("DATASET");
    assertThat(snap.get("creator").asText()).isEqualTo("writer");
    assertThat(snap.get("labels").get("owner").asText()).isEqualTo("ann");
    assertThat(snap.get("totalFiles").asLong()).isEqualTo(3);
    assertThat(snap.get("source").asText()).isEqualTo("tar upload");

    assertThat(get(A + "/snapshots/" + id, reader).json().get("id").asText()).isEqualTo(id);
    assertThat(get(A + "/snapshots/" + id.substring(0, 10), reader).json().get("id").asText())
        .isEqualTo(id);
    assertThat(get(A + "/refs/train", reader).json().get("target").asText()).isEqualTo(id);

    JsonNode root = get(A + "/snapshots/" + id + "/tree/", reader).json();
    assertThat(root.get("entries"))
        .extracting(e -> e.get("path").asText())
        .containsExactly("README", "data");
    JsonNode data = get(A + "/snapshots/" + id + "/tree/data", reader).json();
    assertThat(data.get("entries"))
        .extracting(e -> e.get("path").asText())
        .containsExactly("data/a.csv", "data/deep");

    Res file = get(A + "/snapshots/" + id + "/files/data/deep/b.txt", reader);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.text()).isEqualTo("hello");
    assertThat(file.header("etag")).startsWith("\"");
    assertThat(file.header("accept-ranges")).isEqualTo("bytes");

    // Archive round trip: the same names and bytes come back.
    Res archive = get(A + "/snapshots/" + id + "/archive/", reader);
    assertThat(archive.header("content-type")).isEqualTo("application/x-tar");
    assertThat(untar(archive.body()))
        .containsEntry("data/a.csv", "x,y\n1,2\n")
        .containsEntry("data/deep/b.txt", "hello")
        .containsEntry("README", "read me");
    assertThat(untar(get(A + "/snapshots/" + id + "/archive/data/deep", reader).body()))
        .containsOnlyKeys("b.txt");
  }

  @Test
  void rangesAndEtagsFollowHttpSemantics() {
    String body = "0123456789abcdefghij";
    String id = snapshot("team-a", "r", Map.of("f.txt", body));
    String path = A + "/snapshots/" + id + "/files/f.txt";
    Res whole = get(path, reader);
    String etag = whole.header("etag");

    Res part = send(request(path, reader).header("Range", "bytes=5-9").build());
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.text()).isEqualTo("56789");
    assertThat(part.header("content-range")).isEqualTo("bytes 5-9/20");
    assertThat(send(request(path, reader).header("Range", "bytes=-3").build()).text())
        .isEqualTo("hij");
    assertThat(send(request(path, reader).header("Range", "bytes=15-").build()).text())
        .isEqualTo("fghij");
    assertThat(send(request(path, reader).header("Range", "bytes=18-500").build()).text())
        .isEqualTo("ij");
    Res unsatisfiable = send(request(path, reader).header("Range", "bytes=20-").build());
    assertThat(unsatisfiable.status()).isEqualTo(416);
    assertThat(unsatisfiable.json().get("code").asText()).isEqualTo("RANGE_NOT_SATISFIABLE");
    // A stale If-Range means the whole file.
    assertThat(
            send(request(path, reader)
                    .header("Range", "bytes=0-1")
                    .header("If-Range", "\"other\"")
                    .build())
                .status())
        .isEqualTo(200);
    assertThat(send(request(path, reader).header("If-None-Match", etag).build()).status())
        .isEqualTo(304);

    // The same bytes in another snapshot carry the same ETag.
    String other = snapshot("team-a", "r2", Map.of("copy.txt", body));
    assertThat(get(A + "/snapshots/" + other + "/files/copy.txt", reader).header("etag"))
        .isEqualTo(etag);
  }

  @Test
  void listingFiltersAndPagesStablyWhileSnapshotsAreAdded() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(snapshot("team-a", i % 2 == 0 ? "even" : "odd", Map.of("f", "v" + i)));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Res page =
          get(A + "/snapshots?limit=3" + (token == null ? "" : "&page_token=" + token), reader);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(s -> seen.add(s.get("id").asText()));
      JsonNode next = page.json().get("next_page_token");
      token = next == null || next.isNull() ? null : next.asText();
      if (pages++ == 0) {
        snapshot("team-a", "late", Map.of("f", "late")); // added mid-listing: after the cursor
      }
    } while (token != null);
    assertThat(seen.subList(0, 7)).containsExactlyElementsOf(ids);
    assertThat(seen).hasSize(8).doesNotHaveDuplicates();

    assertThat(get(A + "/snapshots?ref=even", reader).json().get("items")).hasSize(4);
    assertThat(get(A + "/snapshots?kind=model", reader).json().get("items")).isEmpty();
    assertThat(get(A + "/snapshots?limit=1001", reader).status()).isEqualTo(400);
    Res wrongToken = get(A + "/snapshots?ref=even&page_token=" + tokenFor(), reader);
    assertThat(wrongToken.status()).isEqualTo(400);
    assertThat(wrongToken.json().get("message").asText()).contains("page_token");
    assertThat(get(A + "/snapshots?page_token=%25%25garbage", reader).status()).isEqualTo(400);
  }

  private String tokenFor() {
    JsonNode first = get(A + "/snapshots?limit=1", reader).json();
    return first.get("next_page_token").asText();
  }

  @Test
  void diffShowsWhatChanged() {
    String a = snapshot("team-a", "d", Map.of("same", "s", "gone", "g", "edit", "1"));
    String b = snapshot("team-a", "d", Map.of("same", "s", "edit", "22", "new", "n"));
    JsonNode diff = get(A + "/diff?from=" + a + "&to=" + b, reader).json();
    Map<String, String> changes = new TreeMap<>();
    diff.get("changes").forEach(c -> changes.put(c.get("path").asText(), c.get("change").asText()));
    assertThat(changes)
        .containsEntry("gone", "REMOVED")
        .containsEntry("new", "ADDED")
        .containsEntry("edit", "MODIFIED");
    assertThat(get(A + "/diff?from=" + a, reader).status()).isEqualTo(400);
  }

  @Test
  void deleteIsRefusedWhileARefHoldsTheSnapshotUnlessForced() {
    String first = snapshot("team-a", "keep", Map.of("f", "1"));
    String second = snapshot("team-a", "keep", Map.of("f", "2"));
    Res refused = delete(A + "/snapshots/" + second, admin);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("message").asText()).contains("ref team-a/keep");
    // The first is no longer the ref's target: it can go.
    assertThat(delete(A + "/snapshots/" + first, admin).status()).isEqualTo(204);
    assertThat(get(A + "/snapshots/" + first, reader).status()).isEqualTo(404);
    assertThat(delete(A + "/snapshots/" + second, writer).status()).isEqualTo(403);
    assertThat(delete(A + "/snapshots/" + second + "?force=true", admin).status()).isEqualTo(204);
  }

  @Test
  void deleteIsRefusedWhileARetentionRuleKeepsTheSnapshot() {
    String first = snapshot("team-a", "kept", Map.of("f", "1"));
    snapshot("team-a", "kept", Map.of("f", "2"));
    dev.cairn.gc.RetentionPolicies.of(repo)
        .set(
            dev.cairn.store.RefName.parse("team-a/kept"),
            dev.cairn.gc.RetentionPolicy.builder().keepLast(2).build());
    Res refused = delete(A + "/snapshots/" + first, admin);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("message").asText()).contains("retention (team-a/kept: last 2)");
    assertThat(delete(A + "/snapshots/" + first + "?force=true", admin).status()).isEqualTo(204);
  }

  @Test
  void deleteNamesEveryRefAndLineageArtifactThatHoldsTheSnapshot() {
    String id = snapshot("team-a", "held", Map.of("f", "1"));
    long type =
        lineage.putArtifactType(
            "team-a",
            dev.cairn.lineage.mlmd.ArtifactType.newBuilder().setName("Dataset").build(),
            dev.cairn.lineage.TypeUpsert.exact());
    long artifact =
        lineage
            .putArtifacts(
                "team-a",
                List.of(
                    dev.cairn.lineage.mlmd.Artifact.newBuilder()
                        .setTypeId(type)
                        .setUri("cairn:snapshot/" + id)
                        .build()))
            .get(0);
    Res refused = delete(A + "/snapshots/" + id, admin);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("message").asText())
        .contains("ref team-a/held, lineage artifact " + artifact + " in namespace team-a refer")
        .endsWith("force the delete (force=true; --force in the cairn CLI)");
  }

  @Test
  void anUploadRecordsTheSourceItsCallerNamesNotTheServersStagingDirectory() throws Exception {
    Res named = upload("team-a", "ref=s&source=nb-7%3A%2Fdata", writer, tar(Map.of("f", "x")));
    assertThat(named.status()).isEqualTo(201);
    assertThat(named.json().get("snapshot").get("source").asText()).isEqualTo("nb-7:/data");

    Res twoLines = upload("team-a", "ref=s&source=a%0Ab", writer, tar(Map.of("f", "x")));
    assertThat(twoLines.status()).isEqualTo(400);
    assertThat(twoLines.json().get("message").asText()).contains("Invalid snapshot source 'a\\nb'");
  }

  @Test
  void uploadsThatEscapeOrAreNotTarLeaveNoSnapshotAndNoStaging() throws Exception {
    for (String name : List.of("../evil", "/etc/evil", "a/../../evil")) {
      Res r = upload("team-a", "ref=x", writer, tarWithRawName(name));
      assertThat(r.status()).as(name).isEqualTo(400);
      assertThat(r.json().get("message").asText()).contains("Cannot take upload");
    }
    Res notTar =
        upload(
            "team-a",
            "ref=x",
            writer,
            "this is not a tar archive at all, no".repeat(20).getBytes(StandardCharsets.UTF_8));
    assertThat(notTar.status()).isEqualTo(400);
    assertThat(upload("team-a", "", writer, tar(Map.of("f", "x"))).status()).isEqualTo(400);
    assertThat(get(A + "/snapshots", reader).json().get("items")).isEmpty();
    assertThat(get(A + "/refs/x", reader).status()).isEqualTo(404);
    try (var staged = java.nio.file.Files.list(tmp.resolve("repo/uploads"))) {
      assertThat(staged).isEmpty();
    }
  }

  private static byte[] tarWithRawName(String name) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream out =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setSize(1);
      out.putArchiveEntry(e);
      out.write('x');
      out.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static Map<String, String> untar(byte[] tar) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}

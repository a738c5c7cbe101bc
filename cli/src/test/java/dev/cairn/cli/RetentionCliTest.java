package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.testkit.MutableClock;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention and snapshot delete commands, run in this JVM against a directory repository. */
class RetentionCliTest {
  private static final RefName MAIN = RefName.parse("ml/main");

  @TempDir Path tmp;
  private Path repoDir;
  private final List<ObjectId> snapshots = new ArrayList<>();

  record Run(int exit, String out, String err) {}

  /** Four snapshots of ml/main, a day apart from 1 March 2026, oldest first. */
  @BeforeEach
  void fourDailySnapshots() throws Exception {
    repoDir = tmp.resolve("repo");
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    Path src = Files.createDirectories(tmp.resolve("src"));
    try (Repository repo = Repository.init(repoDir, TestRepos.options().withClock(clock))) {
      for (int i = 0; i < 4; i++) {
        Files.writeString(src.resolve("f.txt"), "version " + i);
        snapshots.add(repo.snapshot(SnapshotRequest.of(src, MAIN)).snapshot().id());
        clock.advance(Duration.ofDays(1));
      }
    }
  }

  private Run cairn(String... args) {
    List<String> all = new ArrayList<>(List.of("--repo", repoDir.toString()));
    all.addAll(List.of(args));
    InProcessCli.Run r = InProcessCli.run(all.toArray(String[]::new));
    return new Run(r.exit(), r.out(), r.err());
  }

  private static JsonNode json(String text) throws Exception {
    return dev.cairn.api.Json.mapper().readTree(text);
  }

  @Test
  void setShowAndClearAPolicy() throws Exception {
    Run set =
        cairn(
            "retention",
            "set",
            "ml/main",
            "--keep-last",
            "2",
            "--keep-daily",
            "7",
            "--keep-within",
            "30d",
            "--keep-tagged");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out())
        .contains("ml/main: keep-last 2, keep-daily 7, keep-within 30d, keep-tagged (version 1)")
        .contains("created");

    assertThat(cairn("retention", "show").out())
        .contains("ml/main: keep-last 2, keep-daily 7, keep-within 30d, keep-tagged (version 1)");
    JsonNode shown = json(cairn("retention", "show", "ml/main", "--json").out());
    assertThat(shown.get("policies").get(0).get("policy").get("keepDaily").asInt()).isEqualTo(7);
    assertThat(shown.get("policies").get(0).get("ref").asText()).isEqualTo("ml/main");

    assertThat(cairn("retention", "clear", "ml/main").out()).contains("policy cleared");
    assertThat(cairn("retention", "show", "ml/main").out())
        .contains("ml/main: no policy (keeps everything)");
    assertThat(cairn("retention", "clear", "ml/main").out()).contains("had no policy");
  }

  @Test
  void invalidPolicyValuesAreUsageErrorsNamingTheOption() {
    String[][] cases = {
      {"--keep-daily=-2", "--keep-daily -2"},
      {"--keep-daily=lots", "Invalid count 'lots'"},
      {"--keep-within=3x", "--keep-within"},
      {"--keep-within=0d", "longer than zero"},
      {"--zone=Mars/Base", "--zone 'Mars/Base'"},
    };
    for (String[] c : cases) {
      Run r = cairn("retention", "set", "ml/main", "--keep-last=1", c[0]);
      assertThat(r.exit()).as(c[0]).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(c[0]).contains(c[1]);
    }
    Run nothing = cairn("retention", "set", "ml/main");
    assertThat(nothing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(nothing.err()).contains("would keep nothing").contains("--keep-*");
    assertThat(cairn("retention", "show").out()).contains("No retention policies");
  }

  @Test
  void planIsADryRunThatSaysWhatExpiresAndWhyTheRestIsKept() throws Exception {
    cairn("retention", "set", "ml/main", "--keep-last", "2");
    Run plan = cairn("retention", "plan");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("expire  " + snapshots.get(0).toShortString())
        .contains("expire  " + snapshots.get(1).toShortString())
        .contains("kept by no rule of ml/main (keep-last 2)")
        .contains("ml/main: last 2; held by ref ml/main")
        .contains("2 to expire, 2 kept (dry run: nothing was deleted)");

    JsonNode report = json(cairn("retention", "plan", "--json").out());
    assertThat(report.get("snapshots")).hasSize(4);
    assertThat(report.get("snapshots").get(3).get("snapshot").asText())
        .isEqualTo(snapshots.get(0).toString());
    assertThat(report.get("snapshots").get(3).get("expired").asBoolean()).isTrue();
    try (Repository repo = Repository.openReadOnly(repoDir)) {
      assertThat(repo.listSnapshots(java.util.Optional.empty())).hasSize(4);
    }
  }

  @Test
  void deleteIsRefusedNamingEveryHolderUnlessForced() {
    ObjectId head = snapshots.get(3);
    ObjectId pinned = snapshots.get(1);
    long artifact = pinWithLineage(pinned);

    Run refused = cairn("snapshot", "delete", head.toString());
    assertThat(refused.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(refused.err())
        .contains("Cannot delete snapshot " + head.toShortString() + ": ref ml/main refers to it")
        .contains("--force");
    Run pinnedRefusal = cairn("snapshot", "delete", pinned.toShortString());
    assertThat(pinnedRefusal.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(pinnedRefusal.err())
        .contains("lineage artifact " + artifact + " in namespace ml refers to it");

    Run free = cairn("snapshot", "delete", snapshots.get(0).toString());
    assertThat(free.exit()).as(free.err()).isZero();
    Run forced = cairn("snapshot", "delete", pinned.toString(), "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("Deleted snapshot " + pinned.toShortString());
    assertThat(cairn("snapshot", "delete", pinned.toString()).exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  private long pinWithLineage(ObjectId snapshot) {
    try (LineageStore lineage = LineageLocator.open(repoDir)) {
      long type =
          lineage.putArtifactType(
              "ml", ArtifactType.newBuilder().setName("Dataset").build(), TypeUpsert.exact());
      return lineage
          .putArtifacts(
              "ml",
              List.of(
                  Artifact.newBuilder()
                      .setTypeId(type)
                      .setUri("cairn:snapshot/" + snapshot)
                      .build()))
          .get(0);
    }
  }
}

package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.WorkingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot process dies abruptly (halt at an injected point, or SIGKILL at an arbitrary moment).
 * Afterwards the repository checks clean and every earlier snapshot restores bit for bit.
 */
class CrashSafetyIT {
  @TempDir Path tmp;

  private record Kept(String id, SortedMap<String, String> manifest) {}

  private List<Kept> history(Cli cli, Path src, int count) throws Exception {
    List<Kept> kept = new ArrayList<>();
    Random rnd = new Random(count);
    for (int i = 0; i < count; i++) {
      byte[] blob = new byte[1_500_000];
      rnd.nextBytes(blob);
      Files.createDirectories(src.resolve("v" + i));
      Files.write(src.resolve("v" + i + "/data.bin"), blob);
      Cli.write(src.resolve("notes.txt"), "version " + i);
      kept.add(
          new Kept(
              cli.ok("snapshot", "create", src.toString(), "--ref", "ns/main").lastLine(),
              WorkingSet.manifest(src)));
    }
    return kept;
  }

  private void assertIntact(Cli cli, List<Kept> kept) throws Exception {
    assertThat(cli.ok("check").out()).contains("no problems found");
    assertThat(cli.ok("check", "--read-data").out()).contains("no problems found");
    int n = 0;
    for (Kept k : kept) {
      Path out = tmp.resolve("restore-" + System.nanoTime() + "-" + n++);
      cli.ok("restore", k.id(), out.toString());
      assertThat(WorkingSet.manifest(out)).isEqualTo(k.manifest());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pack-stored:1",
        "pack-stored:2",
        "packs-flushed",
        "snapshot-stored",
        "ref-journaled",
        "committed"
      })
  void aCrashAtAnyStepOfASnapshotLeavesEarlierSnapshotsIntact(String point) throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Path src = tmp.resolve("src");
    List<Kept> kept = history(cli, src, 2);

    byte[] more = new byte[3_000_000];
    new Random(99).nextBytes(more);
    Files.write(src.resolve("new.bin"), more);
    Cli.Result crashed =
        cli.withJvmArg("-Dcairn.crash.at=" + point)
            .run("snapshot", "create", src.toString(), "--ref", "ns/main");
    assertThat(crashed.exit()).as(crashed.err()).isEqualTo(137);
    assertThat(crashed.err()).contains("crash injected at " + point.split(":")[0]);

    String head = cli.ok("ref", "get", "ns/main").out().strip();
    if (point.equals("committed")) {
      assertThat(head).isNotEqualTo(kept.get(1).id());
    } else {
      // Before the ref's journal record the update never happened; after it (ref-journaled) it is
      // rolled forward by the next writer, which the next snapshot below shows.
      assertThat(head).isEqualTo(kept.get(1).id());
    }
    assertIntact(cli, kept);

    // The next snapshot finishes the job and is itself restorable.
    String next = cli.ok("snapshot", "create", src.toString(), "--ref", "ns/main").lastLine();
    kept.add(new Kept(next, WorkingSet.manifest(src)));
    assertIntact(cli, kept);
    int expectedHistory = point.equals("committed") || point.equals("ref-journaled") ? 4 : 3;
    assertThat(cli.ok("snapshot", "list", "--ref", "ns/main").out().strip().split("\n"))
        .hasSize(expectedHistory + 1);
  }

  @Test
  void killNineAtArbitraryMomentsNeverDamagesTheRepository() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Path src = tmp.resolve("src");
    List<Kept> kept = history(cli, src, 1);
    Random rnd = new Random(7);
    for (int round = 0; round < 4; round++) {
      byte[] big = new byte[40_000_000];
      rnd.nextBytes(big);
      Files.write(src.resolve("round-" + round + ".bin"), big);
      Process p = cli.start("snapshot", "create", src.toString(), "--ref", "ns/main");
      // Kill it somewhere between JVM start and the end of the snapshot; where exactly does not
      // matter.
      p.waitFor(300 + rnd.nextInt(1500), TimeUnit.MILLISECONDS);
      p.destroyForcibly().waitFor();
      assertIntact(cli, kept);
    }
  }
}

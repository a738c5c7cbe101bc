package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline steps recorded with their exact snapshots, and a run read back from lineage. */
class StepRunIT {
  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void stepsRecordTheSnapshotsTheyReadAndWroteAndRunsShowThemInOrder() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Cli.write(tmp.resolve("raw/data.csv"), "a,b\n1,2\n");

    JsonNode prep =
        json.readTree(
            cli.ok(
                    "step",
                    "run",
                    "--run",
                    "r1",
                    "--pipeline",
                    "etl",
                    "--step",
                    "prep",
                    "--input",
                    "raw=" + tmp.resolve("raw"),
                    "--output",
                    "clean=" + tmp.resolve("clean"),
                    "--json",
                    "--",
                    "sh",
                    "-c",
                    "cp \"$CAIRN_INPUT_RAW\"/data.csv \"$CAIRN_OUTPUT_CLEAN\"/ && test \"$CAIRN_STEP\" = prep")
                .out());
    assertThat(prep.get("state").asText()).isEqualTo("COMPLETE");
    String clean = prep.get("outputs").get("clean").asText();
    assertThat(clean).matches("[0-9a-f]{64}");

    // The next step names its input by snapshot id: it is restored for the command.
    Cli.Result failed =
        cli.run(
            "step",
            "run",
            "--run",
            "r1",
            "--step",
            "train",
            "--input",
            "clean=" + clean.substring(0, 12),
            "--output",
            "model=" + tmp.resolve("model"),
            "--",
            "sh",
            "-c",
            "cat \"$CAIRN_INPUT_CLEAN\"/data.csv > \"$CAIRN_OUTPUT_MODEL\"/seen.txt; exit 7");
    assertThat(failed.exit()).isEqualTo(7);
    assertThat(Files.readString(tmp.resolve("model/seen.txt"))).isEqualTo("a,b\n1,2\n");

    JsonNode steps = json.readTree(cli.ok("run", "show", "r1", "--json").out());
    assertThat(steps).hasSize(2);
    assertThat(steps.get(0).get("step").asText()).isEqualTo("prep");
    assertThat(steps.get(1).get("step").asText()).isEqualTo("train");
    assertThat(steps.get(1).get("state").asText()).isEqualTo("FAILED");
    assertThat(steps.get(1).get("exitCode").asLong()).isEqualTo(7);
    assertThat(steps.get(1).get("inputs").get("clean").asText()).isEqualTo(clean);
    String model = steps.get(1).get("outputs").get("model").asText();

    // What the failed step wrote is a snapshot like any other: restore it bit for bit.
    cli.ok("restore", model, tmp.resolve("model-again").toString());
    assertThat(Files.readString(tmp.resolve("model-again/seen.txt"))).isEqualTo("a,b\n1,2\n");
    assertThat(cli.ok("run", "list").out()).contains("r1").contains("2 steps");

    // Provenance walks back from the model to the raw data no recorded step produced.
    JsonNode chain = json.readTree(cli.ok("provenance", model, "--json").out());
    assertThat(chain).hasSize(3);
    assertThat(chain.get(0).get("step").asText()).isEqualTo("train");
    assertThat(chain.get(1).get("step").asText()).isEqualTo("prep");
    assertThat(chain.get(1).get("snapshot").asText()).isEqualTo(clean);
    assertThat(chain.get(2).get("step").asText()).isEmpty();
    assertThat(chain.get(2).get("snapshot").asText())
        .isEqualTo(prep.get("inputs").get("raw").asText());
    assertThat(cli.ok("provenance", model).out())
        .contains("written by step train of run r1 (FAILED)")
        .contains("source");

    JsonNode graph = json.readTree(cli.ok("lineage", "show", clean, "--json").out());
    assertThat(graph.get("nodes")).hasSize(5);
    assertThat(graph.get("edges")).hasSize(4);
    JsonNode upstream =
        json.readTree(
            cli.ok("lineage", "show", model, "--upstream", "--hops", "2", "--json").out());
    assertThat(upstream.get("nodes")).hasSize(3);
    assertThat(cli.ok("lineage", "show", clean, "--dot").out())
        .startsWith("digraph lineage {")
        .contains("->");
    assertThat(cli.ok("lineage", "show", "execution:1", "--downstream").out())
        .contains("step prep")
        .contains("--OUTPUT-->");
    assertThat(cli.run("lineage", "show", "execution:999").exit()).isEqualTo(4);

    // Give back exactly what the run saw and made, bit for bit.
    Path back = tmp.resolve("run-r1");
    cli.ok("run", "restore", "r1", back.toString());
    assertThat(Files.readString(back.resolve("prep/inputs/raw/data.csv"))).isEqualTo("a,b\n1,2\n");
    assertThat(Files.readString(back.resolve("train/inputs/clean/data.csv")))
        .isEqualTo("a,b\n1,2\n");
    assertThat(Files.readString(back.resolve("train/outputs/model/seen.txt")))
        .isEqualTo("a,b\n1,2\n");
    assertThat(cli.run("run", "restore", "r1", back.toString()).exit()).isEqualTo(2);
    cli.ok("run", "restore", "r1", tmp.resolve("only-train").toString(), "--step", "train");
    assertThat(tmp.resolve("only-train/prep")).doesNotExist();

    Cli.Result unknown = cli.run("run", "show", "nope");
    assertThat(unknown.exit()).isEqualTo(4);
    assertThat(unknown.err()).contains("nope");
    assertThat(
            cli.run("step", "run", "--run", "r1", "--step", "x", "--input", "bad", "--", "true")
                .exit())
        .isEqualTo(2);
  }

  @Test
  void reproduceSetsUpTheProducingStepToRunAgainBitForBit() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Cli.write(tmp.resolve("text/a.txt"), "hello, world\nsecond line\n");
    Cli.write(tmp.resolve("text/sub/b.txt"), "it's \"quoted\"\n");
    // An argv with spaces, quotes and a dollar sign must come back exactly, not re-split.
    String script =
        "mkdir -p \"$CAIRN_OUTPUT_UP/sub\" && for f in a.txt sub/b.txt; do"
            + " tr a-z A-Z < \"$CAIRN_INPUT_TEXT/$f\" > \"$CAIRN_OUTPUT_UP/$f\"; done"
            + " && printf '%s' \"$1\" > \"$CAIRN_OUTPUT_UP/arg.txt\"";
    JsonNode step =
        json.readTree(
            cli.ok(
                    "step",
                    "run",
                    "--run",
                    "r2",
                    "--step",
                    "upper case",
                    "--input",
                    "text=" + tmp.resolve("text"),
                    "--output",
                    "up=" + tmp.resolve("up"),
                    "--json",
                    "--",
                    "sh",
                    "-c",
                    script,
                    "sh",
                    "it's $HOME \"x\"")
                .out());
    String up = step.get("outputs").get("up").asText();

    Path again = tmp.resolve("again");
    assertThat(cli.ok("reproduce", up.substring(0, 16), again.toString()).out())
        .contains("Step upper case of run r2 (COMPLETE, exit 0)");
    assertThat(Files.readString(again.resolve("inputs/text/sub/b.txt")))
        .isEqualTo("it's \"quoted\"\n");
    JsonNode recorded = json.readTree(again.resolve("step.json").toFile());
    assertThat(recorded.get("argv")).hasSize(5);
    assertThat(recorded.get("argv").get(4).asText()).isEqualTo("it's $HOME \"x\"");

    Process rerun = new ProcessBuilder(again.resolve("rerun.sh").toString()).inheritIO().start();
    assertThat(rerun.waitFor()).isEqualTo(0);
    assertThat(Files.readString(again.resolve("outputs/up/arg.txt"))).isEqualTo("it's $HOME \"x\"");

    // The rerun's output snapshots to the same content as the original.
    JsonNode rerunSnapshot =
        json.readTree(
                cli.ok(
                        "snapshot",
                        "create",
                        again.resolve("outputs/up").toString(),
                        "--ref",
                        "default/rerun",
                        "--json")
                    .out())
            .get("snapshot");
    // Same bytes in every file: at most modification times differ.
    String diff = cli.ok("diff", up, rerunSnapshot.get("id").asText()).out();
    assertThat(diff).contains("0 added, 0 removed, 0 modified");
    assertThat(diff.lines()).noneMatch(line -> line.matches("[-+MT] .*"));

    // A source snapshot has no producing step; a non-empty target is refused untouched.
    String text = step.get("inputs").get("text").asText();
    Cli.Result source = cli.run("reproduce", text, tmp.resolve("src").toString());
    assertThat(source.exit()).isEqualTo(4);
    assertThat(source.err()).contains("no recorded step").contains("source");
    assertThat(cli.run("reproduce", up, again.toString()).exit()).isEqualTo(2);
    assertThat(again.resolve("outputs/up/arg.txt")).exists();
  }

  @Test
  void lineageDeleteReportsDependentsAndPinsFollowSoftDeletes() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Cli.write(tmp.resolve("in/x.txt"), "x\n");
    JsonNode step =
        json.readTree(
            cli.ok(
                    "step",
                    "run",
                    "--run",
                    "r3",
                    "--step",
                    "copy",
                    "--input",
                    "in=" + tmp.resolve("in"),
                    "--output",
                    "out=" + tmp.resolve("out"),
                    "--json",
                    "--",
                    "sh",
                    "-c",
                    "cp \"$CAIRN_INPUT_IN\"/x.txt \"$CAIRN_OUTPUT_OUT\"/")
                .out());
    String in = step.get("inputs").get("in").asText();
    String out = step.get("outputs").get("out").asText();
    assertThat(cli.ok("lineage", "pins").out()).contains(in).contains(out);

    Cli.Result refused = cli.run("lineage", "delete", out);
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err())
        .contains("Cannot delete artifact")
        .contains("1 event (OUTPUT")
        .contains("with cascade");
    assertThat(cli.ok("lineage", "delete", out, "--dry-run").out())
        .startsWith("Would break artifact:")
        .contains("1 attribution");

    cli.ok("lineage", "delete", out, "--soft");
    JsonNode pins = json.readTree(cli.ok("lineage", "pins", "--json").out());
    assertThat(pins).hasSize(1);
    assertThat(pins.get(0).get("snapshotId").asText()).isEqualTo(in);
    // Soft-deleted, the artifact keeps its lineage.
    assertThat(cli.ok("provenance", out).out()).contains("written by step copy");

    assertThat(cli.ok("lineage", "delete", "execution:1", "--cascade").out())
        .startsWith("Removed execution:1: 2 events");
    assertThat(cli.run("lineage", "show", "execution:1").exit()).isEqualTo(4);
    assertThat(cli.run("lineage", "delete", "execution:1", "--soft").exit()).isEqualTo(4);
  }
}

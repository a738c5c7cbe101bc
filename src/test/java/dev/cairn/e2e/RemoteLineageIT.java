package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage read through {@code cairn serve}: steps recorded locally, then the server started on the
 * repository (only one process may open its lineage store), and the lineage, run and provenance
 * commands pointed at it with {@code --server} from a machine with no repository at all. They must
 * print what they print locally.
 */
class RemoteLineageIT {
  private static final Pattern SERVING = Pattern.compile("Serving .* on (http://\\S+)");

  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void lineageRunsAndProvenanceReadThroughTheServerAsTheyReadLocally() throws Exception {
    Path repo = tmp.resolve("repo");
    Cli local = new Cli(repo);
    local.ok("init");
    Cli.write(tmp.resolve("raw/data.csv"), "a,b\n1,2\n");
    String clean =
        json.readTree(
                local
                    .ok(
                        "step",
                        "run",
                        "--run",
                        "r1",
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
                        "cp \"$CAIRN_INPUT_RAW\"/data.csv \"$CAIRN_OUTPUT_CLEAN\"/")
                    .out())
            .get("outputs")
            .get("clean")
            .asText();
    String model =
        json.readTree(
                local
                    .ok(
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
                        "--json",
                        "--",
                        "sh",
                        "-c",
                        "wc -l < \"$CAIRN_INPUT_CLEAN\"/data.csv > \"$CAIRN_OUTPUT_MODEL\"/m")
                    .out())
            .get("outputs")
            .get("model")
            .asText();
    String runShown = local.ok("run", "show", "r1", "--json").out();
    String provenance = local.ok("provenance", model, "--json").out();
    assertThat(json.readTree(provenance)).hasSize(3);
    String graph = local.ok("lineage", "show", clean, "--json").out();

    Path tokens = tmp.resolve("tokens.json");
    String admin = local.createToken(tokens, "ops", "*", "admin");
    String reader = local.createToken(tokens, "ann", "default", "read");

    Process serve = local.start("serve", "--port", "0", "--tokens", tokens.toString());
    // The access log goes to stderr: drain it, so a full pipe never stalls the server.
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try {
                serve.getErrorStream().transferTo(log);
              } catch (java.io.IOException e) {
                // the server is gone; what was read is kept
              }
            });
    drain.setDaemon(true);
    drain.start();
    try {
      String url = serverUrl(serve, log);
      // No repository here: everything must come from the server.
      Cli remote = new Cli(tmp.resolve("no-repo"));
      String[] asReader = {"--server", url, "--token", reader};
      String[] asAdmin = {"--server", url, "--token", admin};

      assertThat(remote.ok(with(asReader, "run", "list")).out()).contains("r1").contains("2 steps");
      assertThat(remote.ok(with(asReader, "run", "show", "r1", "--json")).out())
          .isEqualTo(runShown);
      assertThat(remote.ok(with(asReader, "provenance", model, "--json")).out())
          .isEqualTo(provenance);
      assertThat(remote.ok(with(asReader, "provenance", model.substring(0, 12))).out())
          .contains("written by step train of run r1 (COMPLETE)")
          .contains("source");
      assertThat(remote.ok(with(asReader, "lineage", "show", clean, "--json")).out())
          .isEqualTo(graph);
      assertThat(remote.ok(with(asReader, "lineage", "show", "default/train.out.model")).out())
          .contains("--OUTPUT-->");
      assertThat(remote.run(with(asReader, "lineage", "show", "execution:999")).exit())
          .isEqualTo(4);

      // The pins span namespaces: a reader is refused, an admin of every namespace is not.
      Cli.Result refused = remote.run(with(asReader, "lineage", "pins"));
      assertThat(refused.exit()).isEqualTo(2);
      assertThat(refused.err()).contains("admin access to every namespace");
      assertThat(remote.ok(with(asAdmin, "lineage", "pins")).out()).contains(model).contains(clean);
      Cli.Result otherNamespace =
          remote.run(with(asReader, "run", "list", "--namespace", "team-b"));
      assertThat(otherNamespace.exit()).isEqualTo(2);
      assertThat(otherNamespace.err()).contains("no read access to namespace 'team-b'");

      // A dry run only reads; deleting needs admin, and a hard delete of a node others refer to
      // is refused and names them.
      assertThat(remote.ok(with(asReader, "lineage", "delete", clean, "--dry-run")).out())
          .startsWith("Would break artifact:")
          .contains("2 events");
      Cli.Result notAdmin = remote.run(with(asReader, "lineage", "delete", clean, "--cascade"));
      assertThat(notAdmin.exit()).isEqualTo(2);
      assertThat(notAdmin.err()).contains("no admin access");
      Cli.Result hard = remote.run(with(asAdmin, "lineage", "delete", clean));
      assertThat(hard.exit()).isEqualTo(3);
      assertThat(hard.err()).contains("Cannot delete artifact").contains("with cascade");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    // The server closed the store cleanly: local commands open it again.
    assertThat(local.ok("run", "show", "r1", "--json").out()).isEqualTo(runShown);
  }

  /** The URL {@code cairn serve} prints once it listens. */
  private static String serverUrl(Process serve, ByteArrayOutputStream log) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    serve.waitFor(10, TimeUnit.SECONDS);
    throw new AssertionError("cairn serve exited without serving: " + log);
  }

  private static String[] with(String[] global, String... args) {
    String[] all = new String[global.length + args.length];
    System.arraycopy(global, 0, all, 0, global.length);
    System.arraycopy(args, 0, all, global.length, args.length);
    return all;
  }
}

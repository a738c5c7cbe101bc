package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that would open a served repository itself says so at once and names the server. */
class ServeMarkerTest {
  @TempDir Path tmp;
  private Path repoDir;

  @BeforeEach
  void emptyRepository() {
    repoDir = tmp.resolve("repo");
    Repository.init(repoDir, TestRepos.options()).close();
  }

  @Test
  void commandsThatWouldOpenAServedRepositorySayToUseTheServer() {
    try (ServeMarker served = ServeMarker.write(repoDir, URI.create("http://127.0.0.1:9"))) {
      for (String[] args :
          new String[][] {{"gc"}, {"retention", "clear", "ml/main"}, {"snapshot", "delete", "x"}}) {
        InProcessCli.Run r = InProcessCli.run(with(args));
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err())
            .as(String.join(" ", args))
            .contains("served by a running 'cairn serve' at http://127.0.0.1:9")
            .contains("--server http://127.0.0.1:9");
      }
      // Commands that only read take no lock and keep working (a dry run too, with no lineage).
      assertThat(InProcessCli.run(with(new String[] {"snapshot", "list"})).exit()).isZero();
      assertThat(InProcessCli.run(with(new String[] {"gc", "--dry-run"})).exit()).isZero();
    }
    assertThat(Files.exists(repoDir.resolve(ServeMarker.FILE))).isFalse();
  }

  @Test
  void aNoteLeftByAServerThatDiedIsIgnored() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Files.writeString(
        repoDir.resolve(ServeMarker.FILE),
        "{\"url\": \"http://127.0.0.1:9\", \"pid\": " + gone.pid() + ", \"started\": \"x\"}");
    assertThat(ServeMarker.find(repoDir)).isEmpty();
    assertThat(InProcessCli.run(with(new String[] {"gc", "--json"})).exit()).isZero();
  }

  private String[] with(String[] args) {
    String[] all = new String[args.length + 2];
    all[0] = "--repo";
    all[1] = repoDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }
}

package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A byte flipped on disk is found, named, and never restored as if it were good. */
class CorruptionIT {
  @TempDir Path tmp;

  @Test
  void aFlippedByteInAPackIsReportedWithTheFileAndExitCodeFive() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Path src = tmp.resolve("src");
    byte[] data = new byte[5_000_000];
    new Random(3).nextBytes(data);
    Files.createDirectories(src);
    Files.write(src.resolve("weights.bin"), data);
    String id = cli.ok("snapshot", "create", src.toString(), "--ref", "ns/m").lastLine();

    // The data pack is the largest pack; flip a byte in its middle.
    Path pack;
    try (Stream<Path> s = Files.walk(tmp.resolve("repo/packs"))) {
      List<Path> packs =
          s.filter(Files::isRegularFile)
              .sorted((a, b) -> Long.compare(b.toFile().length(), a.toFile().length()))
              .toList();
      pack = packs.get(0);
    }
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 1);
    }

    Cli.Result check = cli.run("check", "--read-data");
    assertThat(check.exit()).isEqualTo(5);
    assertThat(check.out()).contains("weights.bin").contains(id.substring(0, 12));

    Cli.Result restore = cli.run("restore", id, tmp.resolve("out").toString());
    assertThat(restore.exit()).isEqualTo(5);
    assertThat(restore.err()).contains("weights.bin").contains(id);
    assertThat(tmp.resolve("out/weights.bin")).doesNotExist();

    Cli.Result cat = cli.run("cat", id, "weights.bin");
    assertThat(cat.exit()).isEqualTo(5);
  }
}

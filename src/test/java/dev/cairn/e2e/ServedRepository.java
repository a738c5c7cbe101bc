package dev.cairn.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code cairn serve} on a free port in a child JVM, its output in a log file. */
final class ServedRepository implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Serving .* on (http://\\S+)");

  private final Process process;
  private final Path log;
  private final String url;

  private ServedRepository(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /** Serves the repository of {@code cli} with {@code tokens}; waits until it listens. */
  static ServedRepository start(Cli cli, Path tokens, Path log) throws Exception {
    Process p = cli.startLogged(log, "serve", "--port", "0", "--tokens", tokens.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return new ServedRepository(p, log, m.group(1));
      }
      if (!p.isAlive()) {
        throw new AssertionError("cairn serve exited " + p.exitValue() + ":\n" + output(log));
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("cairn serve did not start:\n" + output(log));
  }

  String url() {
    return url;
  }

  Process process() {
    return process;
  }

  String output() throws Exception {
    return output(log);
  }

  private static String output(Path log) throws Exception {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Kills the server as SIGKILL would: no shutdown hook, no graceful stop. */
  void kill() throws Exception {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the server gracefully (SIGTERM). */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

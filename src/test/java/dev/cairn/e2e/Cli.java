package dev.cairn.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code cairn.jar} in a child JVM, as a user's shell would. */
final class Cli {
  private final String repo;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();

  Cli(Path repo) {
    this(repo.toString(), Map.of());
  }

  /** A CLI for a repository named by a path or URL, with extra environment variables. */
  Cli(String repo, Map<String, String> env) {
    this.repo = repo;
    this.env.putAll(env);
  }

  record Result(int exit, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  Cli withJvmArg(String arg) {
    Cli c = copy();
    c.jvmArgs.add(arg);
    return c;
  }

  /** The same command line with one more environment variable for the child. */
  Cli withEnv(String name, String value) {
    Cli c = copy();
    c.env.put(name, value);
    return c;
  }

  private Cli copy() {
    Cli c = new Cli(repo, Map.of());
    c.jvmArgs.addAll(jvmArgs);
    c.env.putAll(env);
    return c;
  }

  static Path jar() {
    String jar = System.getProperty("cairn.jar");
    if (jar == null) {
      throw new IllegalStateException(
          "system property cairn.jar is not set; run through 'mvn verify'");
    }
    return Path.of(jar);
  }

  Process start(String... args) throws IOException {
    return builder(args).start();
  }

  /** Starts a long-running command whose stdout and stderr go to {@code log}. */
  Process startLogged(Path log, String... args) throws IOException {
    return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("CAIRN_REPO", repo);
    pb.environment().remove("CAIRN_DEBUG");
    pb.environment().putAll(env);
    return pb;
  }

  Result run(String... args) throws Exception {
    Process p = start(args);
    p.getOutputStream().close();
    // Read both streams fully before waiting, so a chatty child never blocks on a full pipe.
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("cairn " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** Runs and requires exit code 0. */
  Result ok(String... args) throws Exception {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError(
          "cairn "
              + String.join(" ", args)
              + " exited "
              + r.exit()
              + "\nstdout:\n"
              + r.out()
              + "\nstderr:\n"
              + r.err());
    }
    return r;
  }

  /** Creates a token in {@code tokens} for one namespace and role; returns the token's secret. */
  String createToken(Path tokens, String name, String namespace, String role) throws Exception {
    return ok(
            "token",
            "create",
            "--tokens",
            tokens.toString(),
            "--name",
            name,
            "--namespace",
            namespace,
            "--role",
            role)
        .lastLine();
  }

  static void write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}

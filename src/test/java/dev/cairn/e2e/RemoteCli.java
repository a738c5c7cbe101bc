package dev.cairn.e2e;

import java.nio.file.Path;

/**
 * The CLI run as a client of a server: {@code --server URL --token T} before every command, no
 * local repository, and a stat cache in the test's directory.
 */
final class RemoteCli {
  private final Cli cli;
  private final String url;
  private final String token;

  private RemoteCli(Cli cli, String url, String token) {
    this.cli = cli;
    this.url = url;
    this.token = token;
  }

  static RemoteCli of(Path tmp, ServedRepository server, String token) {
    Cli cli =
        new Cli(tmp.resolve("no-local-repo"))
            .withEnv("CAIRN_CACHE", tmp.resolve("client-cache").toString());
    return new RemoteCli(cli, server.url(), token);
  }

  Cli.Result ok(String... args) throws Exception {
    return cli.ok(withServer(args));
  }

  Cli.Result run(String... args) throws Exception {
    return cli.run(withServer(args));
  }

  Process start(String... args) throws Exception {
    return cli.start(withServer(args));
  }

  private String[] withServer(String[] args) {
    String[] full = new String[args.length + 4];
    full[0] = "--server";
    full[1] = url;
    full[2] = "--token";
    full[3] = token;
    System.arraycopy(args, 0, full, 4, args.length);
    return full;
  }
}

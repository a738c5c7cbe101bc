package dev.cairn.cli;

import dev.cairn.store.s3.S3Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code cairn} command. */
@Command(
    name = "cairn",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Versioned, content-addressed snapshots of datasets, models, code and volumes.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage error, 3 conflict, 4 not found, 5 corruption found."
    })
final class CairnCommand implements Runnable {
  /**
   * The subcommands, by name. Main registers only the one a command line names (picocli builds
   * every registered command's model at start-up, ~0.1 s for all of them), or all of them for help.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("init", InitCommand::new);
    m.put("snapshot", SnapshotCommand::new);
    m.put("ls", LsCommand::new);
    m.put("cat", CatCommand::new);
    m.put("restore", RestoreCommand::new);
    m.put("diff", DiffCommand::new);
    m.put("push", PushCommand::new);
    m.put("pull", PullCommand::new);
    m.put("ref", RefCommand::new);
    m.put("tag", TagCommand::new);
    m.put("retention", RetentionCommand::new);
    m.put("check", CheckCommand::new);
    m.put("gc", GcCommand::new);
    m.put("step", StepCommand::new);
    m.put("run", RunCommand::new);
    m.put("provenance", ProvenanceCommand::new);
    m.put("reproduce", ReproduceCommand::new);
    m.put("lineage", LineageCommand::new);
    m.put("csi", CsiCommand::new);
    m.put("serve", ServeCommand::new);
    m.put("token", TokenCommand::new);
    m.put("demo", DemoCommand::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Option(
      names = "--repo",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR|s3://BUCKET/PREFIX",
      description = "Repository directory or bucket URL (default: $CAIRN_REPO).")
  void setRepo(String repo) {
    RepoLocator.set(repo);
  }

  @Option(
      names = "--s3-endpoint",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "S3 service for s3:// repositories ($CAIRN_S3_ENDPOINT; default: AWS).")
  void setS3Endpoint(String url) {
    RepoLocator.setS3Endpoint(S3Environment.endpoint(url));
  }

  @Option(
      names = "--s3-region",
      scope = ScopeType.INHERIT,
      paramLabel = "REGION",
      description = "S3 region ($CAIRN_S3_REGION, $AWS_REGION).")
  void setS3Region(String region) {
    RepoLocator.setS3Region(region);
  }

  @Option(
      names = "--s3-path-style",
      scope = ScopeType.INHERIT,
      negatable = true,
      description =
          "Put the bucket in the URL path rather than the host name ($CAIRN_S3_PATH_STYLE;"
              + " default: path style for --s3-endpoint, virtual hosts for AWS).")
  void setS3PathStyle(boolean pathStyle) {
    RepoLocator.setS3PathStyle(pathStyle);
  }

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "Talk to this cairn server instead of a local repository ($CAIRN_SERVER).")
  void setServer(String url) {
    RemoteLocator.setServer(url);
  }

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "Bearer token for --server ($CAIRN_TOKEN).")
  void setToken(String token) {
    RemoteLocator.setToken(token);
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command");
  }
}

package dev.cairn.cli;

import dev.cairn.csi.CairnDriver;
import dev.cairn.store.Repository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "csi",
    description =
        "Run the CSI driver (csi.cairn.dev): Identity, Controller and Node over a unix socket, until stopped.")
final class CsiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--endpoint",
      paramLabel = "unix:///PATH.sock",
      description = "Socket to serve (default: $CSI_ENDPOINT).")
  String endpoint = System.getenv("CSI_ENDPOINT");

  @Option(
      names = "--node-id",
      paramLabel = "NODE",
      description = "This node's name (default: $NODE_ID or the host name).")
  String nodeId = System.getenv("NODE_ID");

  @Option(
      names = "--state-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where volumes, the snapshot cache and driver state live.")
  Path stateDir;

  @Option(
      names = "--cache-size",
      paramLabel = "BYTES",
      description =
          "Keep materialized snapshots no volume uses under this many bytes (default: unlimited).")
  long cacheSize = Long.MAX_VALUE;

  @Override
  public Integer call() throws Exception {
    if (endpoint == null || endpoint.isBlank()) {
      throw new dev.cairn.store.InvalidArgumentException(
          "No endpoint: use --endpoint unix:///path/csi.sock or set CSI_ENDPOINT");
    }
    String node = nodeId != null && !nodeId.isBlank() ? nodeId : dev.cairn.store.Hosts.name();
    try (Repository repo = RepoLocator.openLocal();
        CairnDriver driver = CairnDriver.start(repo, endpoint, node, stateDir, cacheSize)) {
      spec.commandLine()
          .getErr()
          .println("cairn csi: serving csi.cairn.dev for node " + node + " on " + driver.socket());
      Runtime.getRuntime().addShutdownHook(new Thread(driver::close, "cairn-csi-shutdown"));
      driver.awaitTermination();
    }
    return ExitCodes.OK;
  }
}

package dev.cairn.csi;

import dev.cairn.csi.v1.Topology;
import dev.cairn.csi.volume.LinuxMounter;
import dev.cairn.csi.volume.VolumeManager;
import dev.cairn.store.Repository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The whole driver: Identity, Controller and Node services over one unix socket. */
public final class CairnDriver implements AutoCloseable {
  public static final String TOPOLOGY_KEY = "topology.csi.cairn.dev/node";

  private final CsiServer server;

  private CairnDriver(CsiServer server) {
    this.server = server;
  }

  /** Starts serving; the repository stays owned by the caller. */
  public static CairnDriver start(Repository repo, String endpoint, String nodeId, Path stateDir) {
    Topology topology = Topology.newBuilder().putSegments(TOPOLOGY_KEY, nodeId).build();
    VolumeManager volumes =
        new VolumeManager(repo, new LinuxMounter(), stateDir, Clock.systemUTC());
    CsiServer server =
        CsiServer.start(
            endpoint,
            List.of(
                new IdentityService(() -> true),
                new ControllerService(volumes, topology),
                new NodeService(volumes, nodeId, topology)));
    return new CairnDriver(server);
  }

  public Path socket() {
    return server.socket();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.close();
  }
}

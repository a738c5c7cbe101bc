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
  private final VolumeManager volumes;
  private boolean closed;

  private CairnDriver(CsiServer server, VolumeManager volumes) {
    this.server = server;
    this.volumes = volumes;
  }

  /** Starts serving; the repository stays owned by the caller. */
  public static CairnDriver start(Repository repo, String endpoint, String nodeId, Path stateDir) {
    return start(repo, endpoint, nodeId, stateDir, Long.MAX_VALUE);
  }

  /** Starts serving, keeping unused materialized snapshots under {@code cacheLimitBytes}. */
  public static CairnDriver start(
      Repository repo, String endpoint, String nodeId, Path stateDir, long cacheLimitBytes) {
    Topology topology = Topology.newBuilder().putSegments(TOPOLOGY_KEY, nodeId).build();
    VolumeManager volumes =
        new VolumeManager(repo, new LinuxMounter(), stateDir, Clock.systemUTC(), cacheLimitBytes);
    try {
      CsiServer server =
          CsiServer.start(
              endpoint,
              List.of(
                  new IdentityService(() -> true),
                  new ControllerService(volumes, nodeId, topology),
                  new NodeService(volumes, nodeId, topology)));
      return new CairnDriver(server, volumes);
    } catch (RuntimeException e) {
      volumes.close();
      throw e;
    }
  }

  public Path socket() {
    return server.socket();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  /** Stops serving, finishing calls in flight, then closes the driver's state. Idempotent. */
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    volumes.close();
  }
}

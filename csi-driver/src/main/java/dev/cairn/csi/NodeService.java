package dev.cairn.csi;

import dev.cairn.csi.v1.NodeGetCapabilitiesRequest;
import dev.cairn.csi.v1.NodeGetCapabilitiesResponse;
import dev.cairn.csi.v1.NodeGetInfoRequest;
import dev.cairn.csi.v1.NodeGetInfoResponse;
import dev.cairn.csi.v1.NodeGetVolumeStatsRequest;
import dev.cairn.csi.v1.NodeGetVolumeStatsResponse;
import dev.cairn.csi.v1.NodeGrpc;
import dev.cairn.csi.v1.NodePublishVolumeRequest;
import dev.cairn.csi.v1.NodePublishVolumeResponse;
import dev.cairn.csi.v1.NodeServiceCapability;
import dev.cairn.csi.v1.NodeUnpublishVolumeRequest;
import dev.cairn.csi.v1.NodeUnpublishVolumeResponse;
import dev.cairn.csi.v1.Topology;
import dev.cairn.csi.v1.VolumeUsage;
import dev.cairn.csi.volume.VolumeManager;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSI Node: publishes volumes at pods' target paths through the {@link VolumeManager}. */
public final class NodeService extends NodeGrpc.NodeImplBase {
  /** Set by kubelet on inline ephemeral volumes. */
  static final String EPHEMERAL = "csi.storage.k8s.io/ephemeral";

  /** The volume attribute naming what an ephemeral volume shows: a snapshot id or NAMESPACE/REF. */
  static final String SNAPSHOT_ATTRIBUTE = "snapshot";

  private final VolumeManager volumes;
  private final String nodeId;
  private final Topology topology;

  public NodeService(VolumeManager volumes, String nodeId, Topology topology) {
    this.volumes = volumes;
    this.nodeId = nodeId;
    this.topology = topology;
  }

  @Override
  public void nodePublishVolume(
      NodePublishVolumeRequest r, StreamObserver<NodePublishVolumeResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          String id = Requests.required(r.getVolumeId(), "volume_id");
          Path target = Path.of(Requests.required(r.getTargetPath(), "target_path"));
          if (!r.hasVolumeCapability()) {
            throw new InvalidArgumentException("volume_capability is required");
          }
          Requests.requireSupported(List.of(r.getVolumeCapability()), "volume_capability");
          boolean ephemeral = "true".equals(r.getVolumeContextMap().get(EPHEMERAL));
          if (ephemeral) {
            String spec = r.getVolumeContextMap().get(SNAPSHOT_ATTRIBUTE);
            if (spec == null || spec.isEmpty()) {
              throw new InvalidArgumentException(
                  "An inline volume needs the attribute '"
                      + SNAPSHOT_ATTRIBUTE
                      + "': a snapshot id or NAMESPACE/REF");
            }
            volumes.createEphemeral(id, spec);
          }
          volumes.publish(
              id,
              target,
              r.getReadonly() || ephemeral,
              r.getVolumeCapability().getMount().getMountFlagsList());
          return NodePublishVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void nodeUnpublishVolume(
      NodeUnpublishVolumeRequest r, StreamObserver<NodeUnpublishVolumeResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          String id = Requests.required(r.getVolumeId(), "volume_id");
          Path target = Path.of(Requests.required(r.getTargetPath(), "target_path"));
          volumes.loadVolume(id);
          volumes.unpublish(id, target);
          return NodeUnpublishVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void nodeGetVolumeStats(
      NodeGetVolumeStatsRequest r, StreamObserver<NodeGetVolumeStatsResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          String id = Requests.required(r.getVolumeId(), "volume_id");
          Path path = Path.of(Requests.required(r.getVolumePath(), "volume_path"));
          volumes.loadVolume(id);
          if (!Files.isDirectory(path)) {
            throw new NotFoundException("Volume path " + path + " does not exist");
          }
          dev.cairn.csi.volume.VolumeUsage u = volumes.usage(id);
          return NodeGetVolumeStatsResponse.newBuilder()
              .addUsage(
                  VolumeUsage.newBuilder()
                      .setUnit(VolumeUsage.Unit.BYTES)
                      .setTotal(u.totalBytes())
                      .setUsed(u.usedBytes())
                      .setAvailable(u.availableBytes()))
              .addUsage(
                  VolumeUsage.newBuilder().setUnit(VolumeUsage.Unit.INODES).setUsed(u.usedInodes()))
              .build();
        });
  }

  @Override
  public void nodeGetCapabilities(
      NodeGetCapabilitiesRequest r, StreamObserver<NodeGetCapabilitiesResponse> observer) {
    CsiErrors.unary(
        observer,
        () ->
            NodeGetCapabilitiesResponse.newBuilder()
                .addCapabilities(
                    NodeServiceCapability.newBuilder()
                        .setRpc(
                            NodeServiceCapability.RPC
                                .newBuilder()
                                .setType(NodeServiceCapability.RPC.Type.GET_VOLUME_STATS)))
                .build());
  }

  @Override
  public void nodeGetInfo(NodeGetInfoRequest r, StreamObserver<NodeGetInfoResponse> observer) {
    CsiErrors.unary(
        observer,
        () ->
            NodeGetInfoResponse.newBuilder()
                .setNodeId(nodeId)
                .setAccessibleTopology(topology)
                .build());
  }
}

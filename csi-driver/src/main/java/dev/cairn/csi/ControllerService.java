package dev.cairn.csi;

import com.google.protobuf.Timestamp;
import dev.cairn.csi.state.SnapshotState;
import dev.cairn.csi.state.VolumeState;
import dev.cairn.csi.v1.ControllerExpandVolumeRequest;
import dev.cairn.csi.v1.ControllerExpandVolumeResponse;
import dev.cairn.csi.v1.ControllerGetCapabilitiesRequest;
import dev.cairn.csi.v1.ControllerGetCapabilitiesResponse;
import dev.cairn.csi.v1.ControllerGrpc;
import dev.cairn.csi.v1.ControllerServiceCapability;
import dev.cairn.csi.v1.CreateSnapshotRequest;
import dev.cairn.csi.v1.CreateSnapshotResponse;
import dev.cairn.csi.v1.CreateVolumeRequest;
import dev.cairn.csi.v1.CreateVolumeResponse;
import dev.cairn.csi.v1.DeleteSnapshotRequest;
import dev.cairn.csi.v1.DeleteSnapshotResponse;
import dev.cairn.csi.v1.DeleteVolumeRequest;
import dev.cairn.csi.v1.DeleteVolumeResponse;
import dev.cairn.csi.v1.GetCapacityRequest;
import dev.cairn.csi.v1.GetCapacityResponse;
import dev.cairn.csi.v1.ListSnapshotsRequest;
import dev.cairn.csi.v1.ListSnapshotsResponse;
import dev.cairn.csi.v1.ListVolumesRequest;
import dev.cairn.csi.v1.ListVolumesResponse;
import dev.cairn.csi.v1.Snapshot;
import dev.cairn.csi.v1.Topology;
import dev.cairn.csi.v1.ValidateVolumeCapabilitiesRequest;
import dev.cairn.csi.v1.ValidateVolumeCapabilitiesResponse;
import dev.cairn.csi.v1.Volume;
import dev.cairn.csi.v1.VolumeContentSource;
import dev.cairn.csi.volume.VolumeManager;
import dev.cairn.csi.volume.VolumeSource;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** CSI Controller: translates requests to the {@link VolumeManager}; holds no state itself. */
public final class ControllerService extends ControllerGrpc.ControllerImplBase {
  private static final List<ControllerServiceCapability.RPC.Type> CAPABILITIES =
      List.of(
          ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME,
          ControllerServiceCapability.RPC.Type.CREATE_DELETE_SNAPSHOT,
          ControllerServiceCapability.RPC.Type.LIST_VOLUMES,
          ControllerServiceCapability.RPC.Type.LIST_SNAPSHOTS,
          ControllerServiceCapability.RPC.Type.GET_CAPACITY,
          ControllerServiceCapability.RPC.Type.CLONE_VOLUME,
          ControllerServiceCapability.RPC.Type.PUBLISH_READONLY,
          ControllerServiceCapability.RPC.Type.EXPAND_VOLUME,
          ControllerServiceCapability.RPC.Type.LIST_VOLUMES_PUBLISHED_NODES);

  private final VolumeManager volumes;
  private final String nodeId;
  private final Topology topology;

  public ControllerService(VolumeManager volumes, String nodeId, Topology topology) {
    this.volumes = volumes;
    this.nodeId = nodeId;
    this.topology = topology;
  }

  @Override
  public void createVolume(CreateVolumeRequest r, StreamObserver<CreateVolumeResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          String name = Requests.required(r.getName(), "name");
          Requests.requireSupported(r.getVolumeCapabilitiesList(), "volume_capabilities");
          long required = r.getCapacityRange().getRequiredBytes();
          long limit = r.getCapacityRange().getLimitBytes();
          if (required < 0 || limit < 0 || (limit > 0 && required > limit)) {
            throw Status.OUT_OF_RANGE
                .withDescription(
                    "Invalid capacity_range: required " + required + " > limit " + limit)
                .asRuntimeException();
          }
          VolumeSource source =
              switch (r.getVolumeContentSource().getTypeCase()) {
                case SNAPSHOT ->
                    VolumeSource.snapshot(
                        Requests.required(
                            r.getVolumeContentSource().getSnapshot().getSnapshotId(),
                            "snapshot_id"));
                case VOLUME ->
                    VolumeSource.volume(
                        Requests.required(
                            r.getVolumeContentSource().getVolume().getVolumeId(), "volume_id"));
                case TYPE_NOT_SET -> VolumeSource.empty();
              };
          VolumeState v = volumes.createVolume(name, required, source, r.getParametersMap());
          return CreateVolumeResponse.newBuilder().setVolume(toVolume(v)).build();
        });
  }

  private Volume toVolume(VolumeState v) {
    Volume.Builder b =
        Volume.newBuilder()
            .setVolumeId(v.getVolumeId())
            .setCapacityBytes(v.getCapacityBytes())
            .addAccessibleTopology(topology);
    if (!v.getSourceSnapshotId().isEmpty()) {
      b.setContentSource(
          VolumeContentSource.newBuilder()
              .setSnapshot(
                  VolumeContentSource.SnapshotSource.newBuilder()
                      .setSnapshotId(v.getSourceSnapshotId())));
    } else if (!v.getSourceVolumeId().isEmpty()) {
      b.setContentSource(
          VolumeContentSource.newBuilder()
              .setVolume(
                  VolumeContentSource.VolumeSource.newBuilder()
                      .setVolumeId(v.getSourceVolumeId())));
    }
    return b.build();
  }

  @Override
  public void deleteVolume(DeleteVolumeRequest r, StreamObserver<DeleteVolumeResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          volumes.deleteVolume(Requests.required(r.getVolumeId(), "volume_id"));
          return DeleteVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void validateVolumeCapabilities(
      ValidateVolumeCapabilitiesRequest r,
      StreamObserver<ValidateVolumeCapabilitiesResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          volumes.loadVolume(Requests.required(r.getVolumeId(), "volume_id"));
          if (r.getVolumeCapabilitiesCount() == 0) {
            throw new dev.cairn.store.InvalidArgumentException("volume_capabilities is required");
          }
          String why = Requests.unsupported(r.getVolumeCapabilitiesList());
          if (why != null) {
            return ValidateVolumeCapabilitiesResponse.newBuilder().setMessage(why).build();
          }
          return ValidateVolumeCapabilitiesResponse.newBuilder()
              .setConfirmed(
                  ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
                      .addAllVolumeCapabilities(r.getVolumeCapabilitiesList())
                      .putAllVolumeContext(r.getVolumeContextMap())
                      .putAllParameters(r.getParametersMap()))
              .build();
        });
  }

  @Override
  public void listVolumes(ListVolumesRequest r, StreamObserver<ListVolumesResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          Paging.Page<VolumeState> page =
              Paging.page(
                  volumes.listVolumes(),
                  VolumeState::getVolumeId,
                  r.getMaxEntries(),
                  r.getStartingToken());
          ListVolumesResponse.Builder b =
              ListVolumesResponse.newBuilder().setNextToken(page.nextToken());
          page.items()
              .forEach(
                  v -> {
                    ListVolumesResponse.VolumeStatus.Builder status =
                        ListVolumesResponse.VolumeStatus.newBuilder();
                    if (volumes.isPublished(v.getVolumeId())) {
                      status.addPublishedNodeIds(nodeId);
                    }
                    b.addEntries(
                        ListVolumesResponse.Entry.newBuilder()
                            .setVolume(toVolume(v))
                            .setStatus(status));
                  });
          return b.build();
        });
  }

  @Override
  public void getCapacity(GetCapacityRequest r, StreamObserver<GetCapacityResponse> observer) {
    CsiErrors.unary(
        observer,
        () ->
            GetCapacityResponse.newBuilder()
                .setAvailableCapacity(volumes.availableBytes())
                .build());
  }

  @Override
  public void controllerGetCapabilities(
      ControllerGetCapabilitiesRequest r,
      StreamObserver<ControllerGetCapabilitiesResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          ControllerGetCapabilitiesResponse.Builder b =
              ControllerGetCapabilitiesResponse.newBuilder();
          CAPABILITIES.forEach(
              t ->
                  b.addCapabilities(
                      ControllerServiceCapability.newBuilder()
                          .setRpc(ControllerServiceCapability.RPC.newBuilder().setType(t))));
          return b.build();
        });
  }

  @Override
  public void createSnapshot(
      CreateSnapshotRequest r, StreamObserver<CreateSnapshotResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          String source = Requests.required(r.getSourceVolumeId(), "source_volume_id");
          String name = Requests.required(r.getName(), "name");
          return CreateSnapshotResponse.newBuilder()
              .setSnapshot(toSnapshot(volumes.createSnapshot(name, source)))
              .build();
        });
  }

  private static Snapshot toSnapshot(SnapshotState s) {
    long nanos = s.getCreatedUnixNanos();
    return Snapshot.newBuilder()
        .setSnapshotId(s.getSnapshotId())
        .setSourceVolumeId(s.getSourceVolumeId())
        .setSizeBytes(s.getSizeBytes())
        .setCreationTime(
            Timestamp.newBuilder()
                .setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
                .setNanos((int) Math.floorMod(nanos, 1_000_000_000L)))
        .setReadyToUse(true)
        .build();
  }

  @Override
  public void deleteSnapshot(
      DeleteSnapshotRequest r, StreamObserver<DeleteSnapshotResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          volumes.deleteSnapshot(Requests.required(r.getSnapshotId(), "snapshot_id"));
          return DeleteSnapshotResponse.getDefaultInstance();
        });
  }

  @Override
  public void listSnapshots(
      ListSnapshotsRequest r, StreamObserver<ListSnapshotsResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          List<SnapshotState> all =
              r.getSnapshotId().isEmpty()
                  ? volumes.listSnapshots()
                  : volumes.findSnapshot(r.getSnapshotId()).stream().toList();
          List<SnapshotState> matching =
              all.stream()
                  .filter(
                      s ->
                          r.getSourceVolumeId().isEmpty()
                              || s.getSourceVolumeId().equals(r.getSourceVolumeId()))
                  .toList();
          Paging.Page<SnapshotState> page =
              Paging.page(
                  matching, SnapshotState::getSnapshotId, r.getMaxEntries(), r.getStartingToken());
          ListSnapshotsResponse.Builder b =
              ListSnapshotsResponse.newBuilder().setNextToken(page.nextToken());
          page.items()
              .forEach(
                  s ->
                      b.addEntries(
                          ListSnapshotsResponse.Entry.newBuilder().setSnapshot(toSnapshot(s))));
          return b.build();
        });
  }

  @Override
  public void controllerExpandVolume(
      ControllerExpandVolumeRequest r, StreamObserver<ControllerExpandVolumeResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> {
          String id = Requests.required(r.getVolumeId(), "volume_id");
          long required = r.getCapacityRange().getRequiredBytes();
          VolumeState v = volumes.expand(id, required);
          // A directory volume has no device to grow: the new capacity is bookkeeping only.
          return ControllerExpandVolumeResponse.newBuilder()
              .setCapacityBytes(v.getCapacityBytes())
              .setNodeExpansionRequired(false)
              .build();
        });
  }
}

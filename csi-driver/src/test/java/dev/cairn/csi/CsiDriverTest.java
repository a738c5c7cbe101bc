package dev.cairn.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.csi.v1.CapacityRange;
import dev.cairn.csi.v1.ControllerGetCapabilitiesRequest;
import dev.cairn.csi.v1.ControllerGrpc;
import dev.cairn.csi.v1.ControllerServiceCapability;
import dev.cairn.csi.v1.CreateSnapshotRequest;
import dev.cairn.csi.v1.CreateVolumeRequest;
import dev.cairn.csi.v1.DeleteSnapshotRequest;
import dev.cairn.csi.v1.DeleteVolumeRequest;
import dev.cairn.csi.v1.ListSnapshotsRequest;
import dev.cairn.csi.v1.ListVolumesRequest;
import dev.cairn.csi.v1.ListVolumesResponse;
import dev.cairn.csi.v1.NodeGetInfoRequest;
import dev.cairn.csi.v1.NodeGetVolumeStatsRequest;
import dev.cairn.csi.v1.NodeGrpc;
import dev.cairn.csi.v1.NodePublishVolumeRequest;
import dev.cairn.csi.v1.NodeUnpublishVolumeRequest;
import dev.cairn.csi.v1.Snapshot;
import dev.cairn.csi.v1.ValidateVolumeCapabilitiesRequest;
import dev.cairn.csi.v1.Volume;
import dev.cairn.csi.v1.VolumeCapability;
import dev.cairn.csi.v1.VolumeContentSource;
import dev.cairn.csi.v1.VolumeUsage;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver as the Kubernetes sidecars and kubelet drive it: gRPC over a real unix socket, real
 * mounts.
 */
class CsiDriverTest {
  @TempDir Path tmp;
  private Repository repo;
  private CairnDriver driver;
  private CsiTestClient client;
  private ControllerGrpc.ControllerBlockingStub controller;
  private NodeGrpc.NodeBlockingStub node;

  private static final VolumeCapability MOUNT =
      VolumeCapability.newBuilder()
          .setMount(VolumeCapability.MountVolume.getDefaultInstance())
          .setAccessMode(
              VolumeCapability.AccessMode.newBuilder()
                  .setMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
          .build();

  @BeforeEach
  void start() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "the CSI driver mounts volumes and needs root; skipping");
    repo = Repository.init(tmp.resolve("repo"), TestRepos.options());
    driver =
        CairnDriver.start(
            repo, "unix://" + tmp.resolve("csi.sock"), "node-1", tmp.resolve("state"));
    client = new CsiTestClient(driver.socket());
    controller = ControllerGrpc.newBlockingStub(client.channel);
    node = NodeGrpc.newBlockingStub(client.channel);
  }

  @AfterEach
  void stop() throws Exception {
    if (driver == null) {
      return;
    }
    client.close();
    driver.close();
    var mounter = new dev.cairn.csi.volume.LinuxMounter();
    mounter.mountPointsUnder(tmp).forEach(mounter::unmount);
    repo.close();
  }

  private static Status.Code codeOf(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getDescription()).isNotBlank();
      return e.getStatus().getCode();
    }
  }

  private Volume create(String name, long bytes, VolumeContentSource source) {
    CreateVolumeRequest.Builder r =
        CreateVolumeRequest.newBuilder()
            .setName(name)
            .addVolumeCapabilities(MOUNT)
            .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes));
    if (source != null) {
      r.setVolumeContentSource(source);
    }
    return controller.createVolume(r.build()).getVolume();
  }

  private void publish(String volumeId, Path target, boolean readOnly) {
    node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(volumeId)
            .setTargetPath(target.toString())
            .setVolumeCapability(MOUNT)
            .setReadonly(readOnly)
            .build());
  }

  private void unpublish(String volumeId, Path target) {
    node.nodeUnpublishVolume(
        NodeUnpublishVolumeRequest.newBuilder()
            .setVolumeId(volumeId)
            .setTargetPath(target.toString())
            .build());
  }

  @Test
  void theWholeLifecycleThroughTheProtocol() throws Exception {
    assertThat(
            controller
                .controllerGetCapabilities(ControllerGetCapabilitiesRequest.getDefaultInstance())
                .getCapabilitiesList())
        .extracting(c -> c.getRpc().getType())
        .contains(
            ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME,
            ControllerServiceCapability.RPC.Type.CREATE_DELETE_SNAPSHOT,
            ControllerServiceCapability.RPC.Type.LIST_SNAPSHOTS,
            ControllerServiceCapability.RPC.Type.CLONE_VOLUME);
    assertThat(
            node.nodeGetInfo(NodeGetInfoRequest.getDefaultInstance())
                .getAccessibleTopology()
                .getSegmentsMap())
        .containsEntry(CairnDriver.TOPOLOGY_KEY, "node-1");

    Volume seed = create("pvc-seed", 1 << 20, null);
    assertThat(create("pvc-seed", 1 << 20, null)).isEqualTo(seed);
    assertThat(seed.getAccessibleTopology(0).getSegmentsMap())
        .containsEntry(CairnDriver.TOPOLOGY_KEY, "node-1");
    Path pod = tmp.resolve("pods/seed/mount");
    Files.createDirectories(pod.getParent());
    publish(seed.getVolumeId(), pod, false);
    publish(seed.getVolumeId(), pod, false);
    new TreeGenerator(1).randomFile(pod.resolve("data/x.bin"), 200_000);
    var stats =
        node.nodeGetVolumeStats(
            NodeGetVolumeStatsRequest.newBuilder()
                .setVolumeId(seed.getVolumeId())
                .setVolumePath(pod.toString())
                .build());
    assertThat(stats.getUsageList())
        .filteredOn(u -> u.getUnit() == VolumeUsage.Unit.BYTES)
        .first()
        .satisfies(u -> assertThat(u.getUsed()).isEqualTo(200_000));

    Snapshot snap =
        controller
            .createSnapshot(
                CreateSnapshotRequest.newBuilder()
                    .setName("snap-1")
                    .setSourceVolumeId(seed.getVolumeId())
                    .build())
            .getSnapshot();
    assertThat(snap.getReadyToUse()).isTrue();
    assertThat(snap.getSizeBytes()).isEqualTo(200_000);
    assertThat(
            controller
                .createSnapshot(
                    CreateSnapshotRequest.newBuilder()
                        .setName("snap-1")
                        .setSourceVolumeId(seed.getVolumeId())
                        .build())
                .getSnapshot())
        .isEqualTo(snap);
    unpublish(seed.getVolumeId(), pod);
    unpublish(seed.getVolumeId(), pod);
    assertThat(pod).doesNotExist();

    Volume restored =
        create(
            "pvc-from-snap",
            1 << 20,
            VolumeContentSource.newBuilder()
                .setSnapshot(
                    VolumeContentSource.SnapshotSource.newBuilder()
                        .setSnapshotId(snap.getSnapshotId()))
                .build());
    assertThat(restored.getContentSource().getSnapshot().getSnapshotId())
        .isEqualTo(snap.getSnapshotId());
    Path pod2 = tmp.resolve("pods/restored/mount");
    Files.createDirectories(pod2.getParent());
    publish(restored.getVolumeId(), pod2, false);
    assertThat(Files.size(pod2.resolve("data/x.bin"))).isEqualTo(200_000);
    Files.writeString(pod2.resolve("data/new.txt"), "written by the pod");
    Snapshot second =
        controller
            .createSnapshot(
                CreateSnapshotRequest.newBuilder()
                    .setName("snap-2")
                    .setSourceVolumeId(restored.getVolumeId())
                    .build())
            .getSnapshot();
    unpublish(restored.getVolumeId(), pod2);

    // The volume's snapshot is an ordinary store snapshot: restore it and compare.
    String storeId =
        repo.refs()
            .load(new dev.cairn.store.RefName("csi", second.getSnapshotId()))
            .target()
            .toString();
    Path out = tmp.resolve("restored-elsewhere");
    repo.restore(ObjectId.parse(storeId), "", out, Progress.NONE);
    assertThat(Files.readString(out.resolve("data/new.txt"))).isEqualTo("written by the pod");
    assertThat(Files.size(out.resolve("data/x.bin"))).isEqualTo(200_000);

    assertThat(
            controller
                .listSnapshots(
                    ListSnapshotsRequest.newBuilder()
                        .setSourceVolumeId(restored.getVolumeId())
                        .build())
                .getEntriesList())
        .extracting(e -> e.getSnapshot().getSnapshotId())
        .containsExactly(second.getSnapshotId());
    assertThat(
            controller
                .listSnapshots(
                    ListSnapshotsRequest.newBuilder().setSnapshotId("cs-unknown").build())
                .getEntriesList())
        .isEmpty();

    controller.deleteSnapshot(
        DeleteSnapshotRequest.newBuilder().setSnapshotId(snap.getSnapshotId()).build());
    controller.deleteSnapshot(
        DeleteSnapshotRequest.newBuilder().setSnapshotId(snap.getSnapshotId()).build());
    controller.deleteVolume(
        DeleteVolumeRequest.newBuilder().setVolumeId(restored.getVolumeId()).build());
    controller.deleteVolume(
        DeleteVolumeRequest.newBuilder().setVolumeId(restored.getVolumeId()).build());
    assertThat(codeOf(() -> publish(restored.getVolumeId(), pod2, false)))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void badRequestsGetTheSpecsStatusCodes() {
    assertThat(
            codeOf(
                () ->
                    controller.createVolume(
                        CreateVolumeRequest.newBuilder().addVolumeCapabilities(MOUNT).build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    controller.createVolume(
                        CreateVolumeRequest.newBuilder().setName("no-caps").build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    VolumeCapability block =
        MOUNT.toBuilder().setBlock(VolumeCapability.BlockVolume.getDefaultInstance()).build();
    assertThat(
            codeOf(
                () ->
                    controller.createVolume(
                        CreateVolumeRequest.newBuilder()
                            .setName("block")
                            .addVolumeCapabilities(block)
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    create("sized", 100, null);
    assertThat(codeOf(() -> create("sized", 200, null))).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(
            codeOf(
                () ->
                    create(
                        "from-nothing",
                        0,
                        VolumeContentSource.newBuilder()
                            .setSnapshot(
                                VolumeContentSource.SnapshotSource.newBuilder()
                                    .setSnapshotId("cs-missing"))
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            codeOf(
                () ->
                    controller.createSnapshot(
                        CreateSnapshotRequest.newBuilder()
                            .setName("s")
                            .setSourceVolumeId("cv-missing")
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            codeOf(
                () ->
                    controller.createSnapshot(
                        CreateSnapshotRequest.newBuilder().setName("s").build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    controller.validateVolumeCapabilities(
                        ValidateVolumeCapabilitiesRequest.newBuilder()
                            .setVolumeId("cv-missing")
                            .addVolumeCapabilities(MOUNT)
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(codeOf(() -> controller.deleteVolume(DeleteVolumeRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    node.nodePublishVolume(
                        NodePublishVolumeRequest.newBuilder()
                            .setVolumeId("cv-missing")
                            .setTargetPath(tmp.resolve("t").toString())
                            .setVolumeCapability(MOUNT)
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            codeOf(
                () ->
                    node.nodePublishVolume(
                        NodePublishVolumeRequest.newBuilder()
                            .setVolumeId("x")
                            .setVolumeCapability(MOUNT)
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    controller.listVolumes(
                        ListVolumesRequest.newBuilder().setStartingToken("not a token!").build())))
        .isEqualTo(Status.Code.ABORTED);
  }

  @Test
  void aDriverRestartBetweenPublishAndUnpublishLosesNothing() throws Exception {
    Volume v = create("survives", 0, null);
    Path pod = tmp.resolve("pods/survives/mount");
    Files.createDirectories(pod.getParent());
    publish(v.getVolumeId(), pod, false);
    Files.writeString(pod.resolve("state.txt"), "before restart");
    assertThat(
            controller
                .listVolumes(ListVolumesRequest.getDefaultInstance())
                .getEntries(0)
                .getStatus()
                .getPublishedNodeIdsList())
        .containsExactly("node-1");

    client.close();
    driver.close();
    driver =
        CairnDriver.start(
            repo, "unix://" + tmp.resolve("csi.sock"), "node-1", tmp.resolve("state"));
    client = new CsiTestClient(driver.socket());
    controller = ControllerGrpc.newBlockingStub(client.channel);
    node = NodeGrpc.newBlockingStub(client.channel);

    assertThat(Files.readString(pod.resolve("state.txt"))).isEqualTo("before restart");
    assertThat(controller.listVolumes(ListVolumesRequest.getDefaultInstance()).getEntriesList())
        .extracting(e -> e.getVolume().getVolumeId())
        .contains(v.getVolumeId());
    unpublish(v.getVolumeId(), pod);
    assertThat(pod).doesNotExist();
    controller.deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(v.getVolumeId()).build());
  }

  @Test
  void mountFlagsReadOnlyAndStatsErrors() throws Exception {
    Volume v = create("flags", 0, null);
    Path pod = tmp.resolve("pods/flags/mount");
    Files.createDirectories(pod.getParent());
    VolumeCapability withFlags =
        MOUNT.toBuilder()
            .setMount(
                VolumeCapability.MountVolume.newBuilder()
                    .addMountFlags("noexec")
                    .addMountFlags("nosuid"))
            .build();
    node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(v.getVolumeId())
            .setTargetPath(pod.toString())
            .setVolumeCapability(withFlags)
            .build());
    String options =
        Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
            .filter(l -> l.split(" ")[4].equals(pod.toString()))
            .findFirst()
            .orElseThrow()
            .split(" ")[5];
    assertThat(options.split(",")).contains("noexec", "nosuid", "rw");
    unpublish(v.getVolumeId(), pod);

    publish(v.getVolumeId(), pod, true);
    assertThatThrownBy(() -> Files.writeString(pod.resolve("x"), "no"))
        .isInstanceOf(java.io.IOException.class);
    unpublish(v.getVolumeId(), pod);

    VolumeCapability evil =
        MOUNT.toBuilder()
            .setMount(VolumeCapability.MountVolume.newBuilder().addMountFlags("ro; rm -rf /"))
            .build();
    assertThat(
            codeOf(
                () ->
                    node.nodePublishVolume(
                        NodePublishVolumeRequest.newBuilder()
                            .setVolumeId(v.getVolumeId())
                            .setTargetPath(pod.toString())
                            .setVolumeCapability(evil)
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    node.nodeGetVolumeStats(
                        NodeGetVolumeStatsRequest.newBuilder()
                            .setVolumeId("cv-missing")
                            .setVolumePath(pod.toString())
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            codeOf(
                () ->
                    node.nodeGetVolumeStats(
                        NodeGetVolumeStatsRequest.newBuilder()
                            .setVolumeId(v.getVolumeId())
                            .setVolumePath(tmp.resolve("nowhere").toString())
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            codeOf(
                () ->
                    node.nodeGetVolumeStats(
                        NodeGetVolumeStatsRequest.newBuilder()
                            .setVolumeId(v.getVolumeId())
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    node.nodeUnpublishVolume(
                        NodeUnpublishVolumeRequest.newBuilder()
                            .setVolumeId("cv-missing")
                            .setTargetPath(pod.toString())
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void capacityValidationAndExpansion() {
    Volume v = create("grow-me", 1000, null);
    assertThat(
            controller
                .getCapacity(dev.cairn.csi.v1.GetCapacityRequest.getDefaultInstance())
                .getAvailableCapacity())
        .isPositive();
    assertThat(
            controller
                .validateVolumeCapabilities(
                    ValidateVolumeCapabilitiesRequest.newBuilder()
                        .setVolumeId(v.getVolumeId())
                        .addVolumeCapabilities(MOUNT)
                        .build())
                .hasConfirmed())
        .isTrue();
    VolumeCapability multiNode =
        MOUNT.toBuilder()
            .setAccessMode(
                VolumeCapability.AccessMode.newBuilder()
                    .setMode(VolumeCapability.AccessMode.Mode.MULTI_NODE_MULTI_WRITER))
            .build();
    var refused =
        controller.validateVolumeCapabilities(
            ValidateVolumeCapabilitiesRequest.newBuilder()
                .setVolumeId(v.getVolumeId())
                .addVolumeCapabilities(multiNode)
                .build());
    assertThat(refused.hasConfirmed()).isFalse();
    assertThat(refused.getMessage()).contains("node-local");
    var grown =
        controller.controllerExpandVolume(
            dev.cairn.csi.v1.ControllerExpandVolumeRequest.newBuilder()
                .setVolumeId(v.getVolumeId())
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(5000))
                .build());
    assertThat(grown.getCapacityBytes()).isEqualTo(5000);
    assertThat(grown.getNodeExpansionRequired()).isFalse();
    // The original request is still compatible after growing.
    assertThat(create("grow-me", 1000, null).getCapacityBytes()).isEqualTo(5000);
    assertThat(
            codeOf(
                () ->
                    controller.controllerExpandVolume(
                        dev.cairn.csi.v1.ControllerExpandVolumeRequest.newBuilder()
                            .setVolumeId("cv-missing")
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void namesOf128BytesAndPagingWithStableTokens() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(create(("v" + i + "-").repeat(1) + "n".repeat(128 - 3), 0, null).getVolumeId());
    }
    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      ListVolumesResponse page =
          controller.listVolumes(
              ListVolumesRequest.newBuilder().setMaxEntries(3).setStartingToken(token).build());
      assertThat(page.getEntriesCount()).isLessThanOrEqualTo(3);
      page.getEntriesList().forEach(e -> seen.add(e.getVolume().getVolumeId()));
      token = page.getNextToken();
    } while (!token.isEmpty());
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
    assertThat(seen).isSorted();
  }

  @Test
  void anInlineEphemeralVolumeShowsAStoreSnapshotReadOnly() throws Exception {
    Path src = tmp.resolve("src");
    new TreeGenerator(2).randomFile(src.resolve("model.bin"), 50_000);
    repo.snapshot(
        dev.cairn.store.SnapshotRequest.of(src, dev.cairn.store.RefName.parse("team/model")));
    Path target = tmp.resolve("pods/eph/mount");
    Files.createDirectories(target.getParent());
    node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId("csi-abc")
            .setTargetPath(target.toString())
            .setVolumeCapability(MOUNT)
            .putVolumeContext("csi.storage.k8s.io/ephemeral", "true")
            .putVolumeContext("snapshot", "team/model")
            .build());
    assertThat(Files.size(target.resolve("model.bin"))).isEqualTo(50_000);
    assertThatThrownBy(() -> Files.writeString(target.resolve("x"), "no"))
        .isInstanceOf(java.io.IOException.class);
    unpublish("csi-abc", target);
    assertThat(target).doesNotExist();
    assertThat(
            codeOf(
                () ->
                    node.nodePublishVolume(
                        NodePublishVolumeRequest.newBuilder()
                            .setVolumeId("csi-def")
                            .setTargetPath(target.toString())
                            .setVolumeCapability(MOUNT)
                            .putVolumeContext("csi.storage.k8s.io/ephemeral", "true")
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }
}

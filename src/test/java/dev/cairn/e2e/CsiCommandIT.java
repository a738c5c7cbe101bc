package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.csi.v1.ControllerGrpc;
import dev.cairn.csi.v1.CreateVolumeRequest;
import dev.cairn.csi.v1.GetPluginInfoRequest;
import dev.cairn.csi.v1.IdentityGrpc;
import dev.cairn.csi.v1.NodeGrpc;
import dev.cairn.csi.v1.NodePublishVolumeRequest;
import dev.cairn.csi.v1.NodeUnpublishVolumeRequest;
import dev.cairn.csi.v1.VolumeCapability;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cairn csi` as a DaemonSet runs it: serve on a socket, answer the sidecars, stop on SIGTERM. */
class CsiCommandIT {
  @TempDir Path tmp;

  @Test
  void theDriverServesItsSocketAndStopsCleanlyOnSigterm() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "the CSI driver mounts volumes and needs root; skipping");
    Cli cli = new Cli(tmp.resolve("repo"));
    cli.ok("init");
    Path socket = tmp.resolve("csi.sock");
    Process driver =
        cli.start(
            "csi",
            "--endpoint",
            "unix://" + socket,
            "--node-id",
            "node-a",
            "--state-dir",
            tmp.resolve("state").toString());
    for (int i = 0; i < 300 && !Files.exists(socket); i++) {
      Thread.sleep(100);
    }
    assertThat(socket).exists();
    EpollEventLoopGroup group = new EpollEventLoopGroup(1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .eventLoopGroup(group)
            .channelType(EpollDomainSocketChannel.class)
            .usePlaintext()
            .build();
    try {
      assertThat(
              IdentityGrpc.newBlockingStub(channel)
                  .getPluginInfo(GetPluginInfoRequest.getDefaultInstance())
                  .getName())
          .isEqualTo("csi.cairn.dev");
      VolumeCapability mount =
          VolumeCapability.newBuilder()
              .setMount(VolumeCapability.MountVolume.getDefaultInstance())
              .setAccessMode(
                  VolumeCapability.AccessMode.newBuilder()
                      .setMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
              .build();
      String id =
          ControllerGrpc.newBlockingStub(channel)
              .createVolume(
                  CreateVolumeRequest.newBuilder()
                      .setName("pvc-1")
                      .addVolumeCapabilities(mount)
                      .build())
              .getVolume()
              .getVolumeId();
      Path target = tmp.resolve("pod/vol");
      Files.createDirectories(target.getParent());
      NodeGrpc.NodeBlockingStub node = NodeGrpc.newBlockingStub(channel);
      node.nodePublishVolume(
          NodePublishVolumeRequest.newBuilder()
              .setVolumeId(id)
              .setTargetPath(target.toString())
              .setVolumeCapability(mount)
              .build());
      Files.writeString(target.resolve("hello.txt"), "from the pod");
      node.nodeUnpublishVolume(
          NodeUnpublishVolumeRequest.newBuilder()
              .setVolumeId(id)
              .setTargetPath(target.toString())
              .build());
      assertThat(target).doesNotExist();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    driver.destroy();
    assertThat(driver.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(socket).doesNotExist();
    // The repository was closed cleanly: a writer can open it straight away.
    assertThat(cli.ok("check", "--rebuild-index").out()).contains("no problems found");
  }
}

package dev.cairn.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.csi.v1.GetPluginInfoRequest;
import dev.cairn.csi.v1.IdentityGrpc;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.UnavailableException;
import io.grpc.BindableService;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsiServerTest {
  @TempDir Path dir;

  private static List<BindableService> identity() {
    return List.of(new IdentityService(() -> true, "test"));
  }

  private static String pluginName(Path socket) {
    try (CsiTestClient client = new CsiTestClient(socket)) {
      return IdentityGrpc.newBlockingStub(client.channel)
          .getPluginInfo(GetPluginInfoRequest.getDefaultInstance())
          .getName();
    }
  }

  @Test
  void closeRemovesTheSocketFile() throws Exception {
    Path socket = dir.resolve("csi.sock");
    CsiServer server = CsiServer.start("unix://" + socket, identity());
    assertThat(socket).exists();

    server.close();
    server.close(); // idempotent

    assertThat(socket).doesNotExist();
  }

  @Test
  void startReplacesAStaleSocketLeftByACrashedRun() throws Exception {
    Path socket = dir.resolve("csi.sock");
    // A bound and closed socket leaves its file behind, as a killed driver does.
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();

    try (CsiServer server = CsiServer.start("unix://" + socket, identity())) {
      assertThat(pluginName(server.socket())).isEqualTo(IdentityService.DRIVER_NAME);
    }
  }

  @Test
  void startRefusesASocketAnotherProcessServes() throws Exception {
    Path socket = dir.resolve("csi.sock");
    try (CsiServer first = CsiServer.start("unix://" + socket, identity())) {
      assertThatThrownBy(() -> CsiServer.start("unix://" + socket, identity()))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("another process");
      assertThat(pluginName(first.socket())).isEqualTo(IdentityService.DRIVER_NAME);
    }
  }

  @Test
  void startRefusesToDeleteAFileThatIsNotASocket() throws IOException {
    Path file = Files.writeString(dir.resolve("csi.sock"), "keep me");

    assertThatThrownBy(() -> CsiServer.start(file.toString(), identity()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not a socket");
    assertThat(file).hasContent("keep me");
  }

  @Test
  void plainPathWorksAndParentDirectoriesAreCreated() throws Exception {
    Path socket = dir.resolve("a/b/csi.sock");

    try (CsiServer server = CsiServer.start(socket.toString(), identity())) {
      assertThat(server.socket()).isEqualTo(socket);
      assertThat(pluginName(socket)).isEqualTo(IdentityService.DRIVER_NAME);
    }
  }

  @Test
  void endpointFormsNameTheSamePath() {
    assertThat(CsiServer.socketPath("unix:///csi/csi.sock")).isEqualTo(Path.of("/csi/csi.sock"));
    assertThat(CsiServer.socketPath("unix:/csi/csi.sock")).isEqualTo(Path.of("/csi/csi.sock"));
    assertThat(CsiServer.socketPath("/csi/csi.sock")).isEqualTo(Path.of("/csi/csi.sock"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:10000", "dns:///csi", "127.0.0.1:10000"})
  void nonUnixEndpointsAreRejected(String endpoint) {
    assertThatThrownBy(() -> CsiServer.socketPath(endpoint))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unix domain sockets");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "unix://", "unix:///"})
  void endpointsWithoutAPathAreRejected(String endpoint) {
    assertThatThrownBy(() -> CsiServer.socketPath(endpoint))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no socket path");
  }

  @Test
  void socketPathsLongerThanTheKernelAllowsAreRejected() {
    String longPath = "/tmp/" + "d".repeat(100) + "/csi.sock";

    assertThatThrownBy(() -> CsiServer.socketPath(longPath))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at most 107");
  }
}

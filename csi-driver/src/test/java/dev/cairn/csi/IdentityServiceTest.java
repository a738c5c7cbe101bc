package dev.cairn.csi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.csi.v1.GetPluginCapabilitiesRequest;
import dev.cairn.csi.v1.GetPluginInfoRequest;
import dev.cairn.csi.v1.GetPluginInfoResponse;
import dev.cairn.csi.v1.IdentityGrpc;
import dev.cairn.csi.v1.IdentityGrpc.IdentityBlockingStub;
import dev.cairn.csi.v1.PluginCapability;
import dev.cairn.csi.v1.ProbeRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the Identity service over a real unix socket, as node-driver-registrar would. */
class IdentityServiceTest {
  @TempDir Path dir;

  private final AtomicBoolean ready = new AtomicBoolean(true);
  private CsiServer server;
  private CsiTestClient client;
  private IdentityBlockingStub identity;

  @BeforeEach
  void start() {
    server =
        CsiServer.start(
            "unix://" + dir.resolve("csi.sock"), List.of(new IdentityService(ready::get, "1.2.3")));
    client = new CsiTestClient(server.socket());
    identity = IdentityGrpc.newBlockingStub(client.channel);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void pluginInfoNamesTheDriverAndItsVersion() {
    GetPluginInfoResponse info = identity.getPluginInfo(GetPluginInfoRequest.getDefaultInstance());

    assertThat(info.getName()).isEqualTo("csi.cairn.dev");
    assertThat(info.getVendorVersion()).isEqualTo("1.2.3");
    assertThat(info.getManifestMap()).isEmpty();
  }

  @Test
  void pluginNameIsAValidCsiDriverName() {
    // At most 63 characters, DNS-like, starting and ending with a letter (csi-sanity's rule).
    assertThat(IdentityService.DRIVER_NAME)
        .hasSizeLessThanOrEqualTo(63)
        .matches("[a-zA-Z]([a-zA-Z0-9.-]*[a-zA-Z])?");
  }

  @Test
  void vendorVersionFallsBackWhenTheJarHasNone() {
    // Test classes run from target/classes, where no manifest carries a version.
    assertThat(IdentityService.jarVersion()).isEqualTo(IdentityService.FALLBACK_VERSION);
  }

  @Test
  void capabilitiesAreControllerServiceAndTopology() {
    List<PluginCapability> caps =
        identity
            .getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
            .getCapabilitiesList();

    assertThat(caps)
        .extracting(cap -> cap.getService().getType())
        .containsExactly(
            PluginCapability.Service.Type.CONTROLLER_SERVICE,
            PluginCapability.Service.Type.VOLUME_ACCESSIBILITY_CONSTRAINTS);
  }

  @Test
  void probeReportsReadinessFromTheSupplier() {
    assertThat(identity.probe(ProbeRequest.getDefaultInstance()).getReady().getValue()).isTrue();

    ready.set(false);
    var notReady = identity.probe(ProbeRequest.getDefaultInstance());

    assertThat(notReady.hasReady()).isTrue();
    assertThat(notReady.getReady().getValue()).isFalse();
  }
}

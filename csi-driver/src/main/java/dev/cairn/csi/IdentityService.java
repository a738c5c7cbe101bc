package dev.cairn.csi;

import com.google.protobuf.BoolValue;
import dev.cairn.csi.v1.GetPluginCapabilitiesRequest;
import dev.cairn.csi.v1.GetPluginCapabilitiesResponse;
import dev.cairn.csi.v1.GetPluginInfoRequest;
import dev.cairn.csi.v1.GetPluginInfoResponse;
import dev.cairn.csi.v1.IdentityGrpc;
import dev.cairn.csi.v1.PluginCapability;
import dev.cairn.csi.v1.ProbeRequest;
import dev.cairn.csi.v1.ProbeResponse;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The CSI Identity service: who the driver is, what it offers, and whether it is ready. Served by
 * both the controller and the node plugin. Thread-safe.
 */
public final class IdentityService extends IdentityGrpc.IdentityImplBase {
  /** The driver name; the CSIDriver object in deploy/ must carry the same name. */
  public static final String DRIVER_NAME = "csi.cairn.dev";

  static final String FALLBACK_VERSION = "0.1.0";

  private final BooleanSupplier ready;
  private final String version;

  /**
   * @param ready asked on every Probe; false while the driver is still starting up (the CO then
   *     waits before calling the other services)
   */
  public IdentityService(BooleanSupplier ready) {
    this(ready, jarVersion());
  }

  IdentityService(BooleanSupplier ready, String version) {
    this.ready = Objects.requireNonNull(ready, "ready");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The Implementation-Version of the jar this class was loaded from, if it has one. */
  static String jarVersion() {
    String version = IdentityService.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? FALLBACK_VERSION : version;
  }

  @Override
  public void getPluginInfo(
      GetPluginInfoRequest request, StreamObserver<GetPluginInfoResponse> observer) {
    CsiErrors.unary(
        observer,
        () ->
            GetPluginInfoResponse.newBuilder()
                .setName(DRIVER_NAME)
                .setVendorVersion(version)
                .build());
  }

  @Override
  public void getPluginCapabilities(
      GetPluginCapabilitiesRequest request,
      StreamObserver<GetPluginCapabilitiesResponse> observer) {
    CsiErrors.unary(
        observer,
        () ->
            GetPluginCapabilitiesResponse.newBuilder()
                .addCapabilities(service(PluginCapability.Service.Type.CONTROLLER_SERVICE))
                // Volumes are node-local directories, so they must stay on their node.
                .addCapabilities(
                    service(PluginCapability.Service.Type.VOLUME_ACCESSIBILITY_CONSTRAINTS))
                .build());
  }

  @Override
  public void probe(ProbeRequest request, StreamObserver<ProbeResponse> observer) {
    CsiErrors.unary(
        observer,
        () -> ProbeResponse.newBuilder().setReady(BoolValue.of(ready.getAsBoolean())).build());
  }

  private static PluginCapability service(PluginCapability.Service.Type type) {
    return PluginCapability.newBuilder()
        .setService(PluginCapability.Service.newBuilder().setType(type))
        .build();
  }
}

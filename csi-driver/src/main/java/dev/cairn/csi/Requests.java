package dev.cairn.csi;

import dev.cairn.csi.v1.VolumeCapability;
import dev.cairn.csi.v1.VolumeCapability.AccessMode.Mode;
import dev.cairn.store.InvalidArgumentException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Checks of CSI request fields shared by the Controller and Node services. */
final class Requests {
  /** Node-local directories can be used by one node only. */
  static final Set<Mode> SUPPORTED_MODES =
      EnumSet.of(
          Mode.SINGLE_NODE_WRITER,
          Mode.SINGLE_NODE_READER_ONLY,
          Mode.SINGLE_NODE_SINGLE_WRITER,
          Mode.SINGLE_NODE_MULTI_WRITER);

  private Requests() {}

  static String required(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new InvalidArgumentException(field + " is required");
    }
    return value;
  }

  /** Null when every capability is supported, otherwise why not. */
  static String unsupported(List<VolumeCapability> caps) {
    for (VolumeCapability c : caps) {
      if (c.hasBlock()) {
        return "block volumes are not supported: Cairn volumes are directories";
      }
      if (!c.hasMount()) {
        return "a capability must name an access type (mount)";
      }
      if (!SUPPORTED_MODES.contains(c.getAccessMode().getMode())) {
        return "access mode "
            + c.getAccessMode().getMode()
            + " is not supported: volumes are node-local";
      }
    }
    return null;
  }

  static void requireSupported(List<VolumeCapability> caps, String field) {
    if (caps.isEmpty()) {
      throw new InvalidArgumentException(field + " is required");
    }
    String why = unsupported(caps);
    if (why != null) {
      throw new InvalidArgumentException(why);
    }
  }
}

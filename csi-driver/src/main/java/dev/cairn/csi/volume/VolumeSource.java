package dev.cairn.csi.volume;

/** Where a new volume's content comes from. */
public record VolumeSource(Kind kind, String id) {
  public enum Kind {
    EMPTY,
    /** A CSI snapshot id made by this driver. */
    SNAPSHOT,
    /** A CSI volume id: a clone. */
    VOLUME,
    /** A store snapshot id, unique prefix or NAMESPACE/REF (inline ephemeral volumes). */
    STORE_SNAPSHOT
  }

  public static VolumeSource empty() {
    return new VolumeSource(Kind.EMPTY, "");
  }

  public static VolumeSource snapshot(String csiSnapshotId) {
    return new VolumeSource(Kind.SNAPSHOT, csiSnapshotId);
  }

  public static VolumeSource volume(String csiVolumeId) {
    return new VolumeSource(Kind.VOLUME, csiVolumeId);
  }

  public static VolumeSource storeSnapshot(String spec) {
    return new VolumeSource(Kind.STORE_SNAPSHOT, spec);
  }
}

package dev.cairn.csi.volume;

import java.nio.file.Path;
import java.util.List;

/**
 * The mount operations the driver needs. One implementation calls the kernel through mount(8);
 * keeping it behind an interface lets everything above it be reasoned about (and tested) apart from
 * the kernel.
 */
public interface Mounter {
  /** Mounts an overlay of {@code upper} over the read-only {@code lower} at {@code target}. */
  void mountOverlay(Path lower, Path upper, Path work, Path target);

  /** Bind-mounts {@code source} at {@code target}, read-only if asked, with extra mount flags. */
  void bind(Path source, Path target, boolean readOnly, List<String> flags);

  /** Unmounts {@code target}; does nothing if nothing is mounted there. */
  void unmount(Path target);

  /** Whether something is mounted exactly at {@code path}. */
  boolean isMountPoint(Path path);

  /** Every mount point at or below {@code root}, deepest first (the order to unmount them in). */
  List<Path> mountPointsUnder(Path root);
}
